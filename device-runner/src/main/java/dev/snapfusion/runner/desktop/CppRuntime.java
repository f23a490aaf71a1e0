package dev.snapfusion.runner.desktop;

import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.TfliteModel;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import java.io.File;

/**
 * The desktop runtime: TFLite 2.21 through JavaCPP's C++ API ({@code org.bytedeco:tensorflow-lite}), with XNNPACK
 * applied by the builtin op resolver's default delegate. Never dexed: the phone runs {@code JavaApiRuntime}
 * (docs/runtime.md). Thread-safe.
 *
 * <p>Why the C++ API and not the C API: through {@code TfLiteInterpreterCreate} the same files ran 2–6× slower
 * because XNNPACK was not applied on that path (FACTS.md); {@code InterpreterBuilder} with {@code BuiltinOpResolver}
 * applies it, and {@link CppModel#delegatePartitions()} lets a test prove it.
 */
public final class CppRuntime implements TfliteRuntime {
    public static final CppRuntime INSTANCE = new CppRuntime();

    static {
        // JavaCPP refuses allocations once RSS passes a multiple of -Xmx (FACTS.md); a full-size UNet passes it.
        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        }
    }

    private volatile String version;

    private CppRuntime() {
    }

    @Override
    public String id() {
        return "cpp";
    }

    @Override
    public String version() {
        String v = version;
        if (v == null) version = v = org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteVersion().getString();
        return v;
    }

    @Override
    public TfliteModel load(File file, int threads, Backend backend) {
        return CppModel.load(file, threads, backend);
    }

    @Override
    public boolean profilesOps() {
        return true;
    }

    @Override
    public TfliteModel loadProfiled(File file, int threads, Backend backend) {
        return ProfiledModel.load(file, threads, backend);
    }
}
