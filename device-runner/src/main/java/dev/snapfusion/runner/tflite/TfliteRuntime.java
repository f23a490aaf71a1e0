package dev.snapfusion.runner.tflite;

import java.io.File;
import java.util.Locale;

/**
 * The seam between the runner and a TFLite build. Two implementations: {@link JavaApiRuntime}, the AAR's Java API
 * ({@code org.tensorflow.lite.Interpreter}, 2.16.1 on the phone), and the desktop one,
 * {@code dev.snapfusion.runner.desktop.CppRuntime} (TFLite 2.21 through JavaCPP's C++ API, XNNPACK linked in), which
 * is kept out of the dexed jar and found by name. Implementations are thread-safe; the models they load are not.
 *
 * <p>Which one runs: the system property {@value #PROPERTY} ({@code java} or {@code desktop}) when set, else the Java
 * API on Android and the desktop runtime elsewhere (docs/runtime.md).
 */
public interface TfliteRuntime {
    String PROPERTY = "snapfusion.tflite";
    String DESKTOP_CLASS = "dev.snapfusion.runner.desktop.CppRuntime";

    /** Short machine word: {@code java-api} or {@code cpp}. */
    String id();

    /** The TFLite version the native library reports, e.g. {@code 2.21.0}. */
    String version();

    TfliteModel load(File file, int threads, Backend backend);

    /** Whether {@link #loadProfiled} works here: only the desktop runtime has an op profiler. */
    default boolean profilesOps() {
        return false;
    }

    /**
     * Loads {@code file} with TFLite's op profiler attached (it can only be given before the interpreter is built, so
     * a profiled model is a load of its own); the model implements {@link OpProfiling}. The profiler's callbacks cost
     * time on every invoke: time normal runs with {@link #load}.
     *
     * @throws UnsupportedOperationException with {@link OpProfiling#UNSUPPORTED} where {@link #profilesOps()} is false
     */
    default TfliteModel loadProfiled(File file, int threads, Backend backend) {
        throw new UnsupportedOperationException(OpProfiling.UNSUPPORTED);
    }

    /** What every number names as its producer, e.g. {@code "TFLite 2.21.0 (C++ API, JavaCPP)"}. */
    default String describe() {
        return "TFLite " + version() + " (" + (id().equals("cpp") ? "C++ API, JavaCPP" : "Java API") + ")";
    }

    static TfliteRuntime current() {
        return Holder.CURRENT;
    }

    /** The runtime named {@code java} or {@code desktop}; tests run both on the same bundle. */
    static TfliteRuntime named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("java") || n.equals("java-api")) return JavaApiRuntime.INSTANCE;
        if (n.equals("desktop") || n.equals("cpp")) return desktop();
        throw new IllegalArgumentException("unknown TFLite runtime \"" + name + "\"; expected java or desktop");
    }

    private static TfliteRuntime desktop() {
        try {
            return (TfliteRuntime) Class.forName(DESKTOP_CLASS).getField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the desktop TFLite runtime (" + DESKTOP_CLASS + ", org.bytedeco:tensorflow-lite) "
                    + "is not on the classpath: " + e, e);
        }
    }

    /** Lazy, so that the phone never touches the desktop class name. */
    final class Holder {
        static final TfliteRuntime CURRENT = choose();

        private Holder() {
        }

        private static TfliteRuntime choose() {
            String forced = System.getProperty(PROPERTY);
            if (forced != null && !forced.isBlank()) return named(forced);
            return NativeTflite.isAndroid() ? JavaApiRuntime.INSTANCE : desktop();
        }
    }
}
