package dev.snapfusion.runner.desktop;

import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.OpProfiling;
import dev.snapfusion.runner.tflite.OpTime;
import dev.snapfusion.runner.tflite.OpaquePartition;
import dev.snapfusion.runner.tflite.TfliteModel;
import java.io.File;
import java.util.List;

/**
 * A {@link CppModel} built with TFLite's telemetry profiler: every {@link #run} adds its op events to the times
 * (docs/op-profile.md). The callbacks cost time on every invoke, so normal runs use an unprofiled load. Not
 * thread-safe.
 */
final class ProfiledModel implements TfliteModel, OpProfiling {
    private final TelemetryRecorder recorder;
    private final CppModel model;
    private final OpTimeTable table;

    private ProfiledModel(TelemetryRecorder recorder, CppModel model) {
        this.recorder = recorder;
        this.model = model;
        this.table = new OpTimeTable(ExecutionPlan.of(model.interpreter()));
    }

    static ProfiledModel load(File file, int threads, Backend backend) {
        TelemetryRecorder recorder = new TelemetryRecorder();
        CppModel model = null;
        try {
            model = CppModel.load(file, threads, backend, recorder.newProfiler());
            return new ProfiledModel(recorder, model);
        } catch (RuntimeException | Error e) {
            // The interpreter (which calls into the recorder) goes first, then the recorder's native memory.
            if (model != null) model.close();
            recorder.close();
            throw e;
        }
    }

    @Override
    public float[][] run(Object... inputs) {
        recorder.clear();
        float[][] out = model.run(inputs);
        table.add(recorder);
        return out;
    }

    @Override
    public List<OpTime> opTimes() {
        return table.opTimes();
    }

    @Override
    public List<OpaquePartition> opaquePartitions() {
        return table.opaquePartitions();
    }

    @Override
    public double profilerOverheadMs() {
        return table.callbackMs();
    }

    @Override
    public void resetOpTimes() {
        table.reset();
    }

    @Override
    public double lastInvokeMs() {
        return model.lastInvokeMs();
    }

    @Override
    public long fileBytes() {
        return model.fileBytes();
    }

    @Override
    public int delegatePartitions() {
        return model.delegatePartitions();
    }

    @Override
    public int inputCount() {
        return model.inputCount();
    }

    @Override
    public boolean inputIsInt32(int i) {
        return model.inputIsInt32(i);
    }

    @Override
    public int[] inputShape(int i) {
        return model.inputShape(i);
    }

    @Override
    public int[] outputShape(int i) {
        return model.outputShape(i);
    }

    @Override
    public void close() {
        model.close();
        recorder.close();
    }
}
