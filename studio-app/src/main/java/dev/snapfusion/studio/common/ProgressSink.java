package dev.snapfusion.studio.common;

/**
 * Where long-running services report progress. Implementations must accept calls from any thread;
 * the workbench's implementation hands them to the FX thread.
 */
@FunctionalInterface
public interface ProgressSink {
    /** A sink that drops every update, for callers that do not show progress. */
    ProgressSink NONE = (phase, fraction, detail) -> { };

    /**
     * @param phase short name of the current phase ("Converting", "Pushing", "Generating", "Comparing")
     * @param fraction 0..1 within the whole job, or -1 when unknown (indeterminate)
     * @param detail one line for a person, e.g. "unet.tflite 312 / 1,640 MiB"; may be empty
     */
    void update(String phase, double fraction, String detail);
}
