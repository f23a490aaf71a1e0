package dev.snapfusion.runner.tflite;

import java.util.List;
import java.util.Optional;

/**
 * Per-op times of a model loaded with {@link TfliteRuntime#loadProfiled}: TFLite's profiler is attached when the
 * interpreter is built, and every {@link TfliteModel#run} after that adds to the times. Only the desktop runtime
 * offers it; the phone's Java API has no op profiler ({@link #UNSUPPORTED}). Not thread-safe, like the model.
 *
 * <pre>{@code
 * try (TfliteModel m = runtime.loadProfiled(new File("unet.tflite"), 2, Backend.XNNPACK)) {
 *     m.run(sample, temb, context);                 // warm-up
 *     OpProfiling p = OpProfiling.of(m).orElseThrow();
 *     p.resetOpTimes();
 *     m.run(sample, temb, context);
 *     for (OpTime t : p.opTimes()) System.out.println(t.tensor() + " " + t.ms());
 * }
 * }</pre>
 */
public interface OpProfiling {
    String UNSUPPORTED = "op profiles need the desktop runtime (TFLite 2.21 through the C++ API, e.g. the virtual "
            + "device); on a phone, run TFLite's benchmark_model with --enable_op_profiling=true: `studio ops run --binary "
            + "benchmark_model` does it and reads the profile back, or read a saved output with `studio ops import`";

    /** Every node of the execution plan in order (a partition's nodes in node order), timed since the last reset. */
    List<OpTime> opTimes();

    /** Partitions reported as one {@link OpTime#DELEGATE} entry instead of per node; empty when all were split. */
    List<OpaquePartition> opaquePartitions();

    /**
     * Mean time per invoke that the profiler's own callbacks added to {@link TfliteModel#lastInvokeMs()}; the ops'
     * times do not include it, so compare their sum with the invoke time minus this.
     */
    double profilerOverheadMs();

    /** Forgets the times so far (e.g. those of a warm-up invoke). */
    void resetOpTimes();

    static Optional<OpProfiling> of(TfliteModel model) {
        return model instanceof OpProfiling p ? Optional.of(p) : Optional.empty();
    }
}
