package dev.snapfusion.link;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Turns byte counts into {@link PushProgress} (rate over the whole push, ETA at that rate). Not thread-safe. */
final class ProgressMeter {
    private final long totalBytes;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long doneBefore;

    ProgressMeter(long totalBytes, LongSupplier nanoClock) {
        this.totalBytes = totalBytes;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** Marks a file as finished, so the next file's counts add on top. */
    void fileDone(long fileBytes) {
        doneBefore += fileBytes;
    }

    PushProgress progress(String file, long fileDone, long fileBytes) {
        long done = doneBefore + fileDone;
        double seconds = (nanoClock.getAsLong() - startNanos) / 1e9;
        double bytesPerSecond = seconds > 0 ? done / seconds : 0;
        Duration eta = bytesPerSecond > 0
                ? Duration.ofMillis((long) ((totalBytes - done) / bytesPerSecond * 1000))
                : Duration.ZERO;
        return new PushProgress(file, fileDone, fileBytes, done, totalBytes, bytesPerSecond / 1e6, eta);
    }

    double seconds() {
        return (nanoClock.getAsLong() - startNanos) / 1e9;
    }
}
