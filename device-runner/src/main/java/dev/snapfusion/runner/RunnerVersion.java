package dev.snapfusion.runner;

/** The runner's own version, shared by the entry point and the pipeline (neither imports the other for it). */
public final class RunnerVersion {
    public static final String VERSION = "0.1.0";

    private RunnerVersion() {
    }
}
