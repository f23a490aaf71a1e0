package dev.snapfusion.runner.tflite;

import java.io.File;

/**
 * One .tflite file in an interpreter of the current {@link TfliteRuntime}. Inputs and outputs are float32 (or
 * int32 for token ids), in the file's order. Not thread-safe.
 *
 * <pre>{@code
 * try (TfliteModel m = TfliteModel.load(new File("unet.tflite"), 2, Backend.XNNPACK)) {
 *     float[] out = m.run(sample, temb, context)[0];
 * }
 * }</pre>
 */
public interface TfliteModel extends AutoCloseable {

    /** Loads {@code file} in the runtime this process uses ({@link TfliteRuntime#current()}). */
    static TfliteModel load(File file, int threads, Backend backend) {
        return TfliteRuntime.current().load(file, threads, backend);
    }

    static TfliteModel load(File file, int threads, boolean xnnpack) {
        return load(file, threads, xnnpack ? Backend.XNNPACK : Backend.CPU);
    }

    /** Runs with float inputs (int inputs are passed as {@code int[]}); returns every output as float[]. */
    float[][] run(Object... inputs);

    /** Native time of the last invoke (no Java-side copies), in ms; NaN if the runtime did not record one. */
    double lastInvokeMs();

    long fileBytes();

    /**
     * How many delegate partitions (XNNPACK) the interpreter's execution plan holds, or -1 where the runtime cannot
     * tell (the Java API does not expose the plan). 0 means every op runs on the builtin kernels.
     */
    default int delegatePartitions() {
        return -1;
    }

    int inputCount();

    int[] inputShape(int i);

    /** Whether input {@code i} takes int32 values (token ids), passed to {@link #run} as an {@code int[]}; else float32. */
    default boolean inputIsInt32(int i) {
        return false;
    }

    int[] outputShape(int i);

    @Override
    void close();
}
