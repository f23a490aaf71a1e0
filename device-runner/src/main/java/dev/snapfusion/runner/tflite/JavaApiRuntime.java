package dev.snapfusion.runner.tflite;

import java.io.File;

/** The phone's runtime: the AAR's {@code org.tensorflow.lite} Java API. Thread-safe. */
final class JavaApiRuntime implements TfliteRuntime {
    static final JavaApiRuntime INSTANCE = new JavaApiRuntime();

    private JavaApiRuntime() {
    }

    @Override
    public String id() {
        return "java-api";
    }

    @Override
    public String version() {
        NativeTflite.ensureLoaded();
        return org.tensorflow.lite.TensorFlowLite.runtimeVersion();
    }

    @Override
    public TfliteModel load(File file, int threads, Backend backend) {
        return JavaApiModel.load(file, threads, backend);
    }
}
