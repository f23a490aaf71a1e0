package dev.snapfusion.runner.protocol;

/**
 * One JSON line on the runner's stdout (docs/runner-protocol.md). Closed set: a reader that meets an
 * unknown {@code event} throws {@link RunnerProtocolException}.
 */
public sealed interface RunnerEvent {
    int PROTOCOL_VERSION = 1;

    /** First line of every run. */
    record Hello(int protocol, String runner, String tflite, String device, String abi) implements RunnerEvent {
    }

    /** A component's model file was loaded into an interpreter. */
    record Loaded(String component, double ms, long bytes) implements RunnerEvent {
    }

    /** A pipeline phase finished: text_encoder, decoder. */
    record Phase(String name, double ms) implements RunnerEvent {
    }

    /** Denoising step {@code index} (1-based) of {@code total} finished. */
    record Step(int index, int total, int timestep, double ms) implements RunnerEvent {
    }

    /** Median time of one UNet block over the run (blockwise mode). */
    record BlockTiming(String id, String stage, String kind, double ms, int samples) implements RunnerEvent {
    }

    /** Peak resident memory of the runner process (VmHWM) so far. */
    record Memory(long peakKb) implements RunnerEvent {
    }

    /** The run finished; files are relative to the request's out_dir. */
    record Done(String image, String timings, double totalMs) implements RunnerEvent {
    }

    /** Something the user should know that does not stop the run, e.g. a delegate fallback. */
    record Notice(String code, String message) implements RunnerEvent {
    }

    /** The run failed; {@code code} is a stable machine-readable word, {@code message} is for people. */
    record Error(String code, String message) implements RunnerEvent {
    }
}
