package dev.snapfusion.runner.protocol;

/** Median latency of one UNet block, as it appears in timings.json and report.json. */
public record BlockTime(String id, String stage, String kind, double ms) {
}
