package dev.snapfusion.runner.tflite;

import java.util.Locale;

/**
 * Which TFLite execution path runs a model: the builtin CPU kernels, the XNNPACK delegate, or the GPU delegate.
 * The GPU delegate lives in a separate artifact ({@code tensorflow-lite-gpu}) that this runner does not ship, so
 * {@link #resolve} falls back to XNNPACK with a message when its class is absent.
 */
public enum Backend {
    CPU("cpu"),
    XNNPACK("xnnpack"),
    GPU("gpu");

    static final String GPU_DELEGATE_CLASS = "org.tensorflow.lite.gpu.GpuDelegate";
    private final String wireName;

    Backend(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Backend parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Backend b : values()) if (b.wireName.equals(n)) return b;
        throw new IllegalArgumentException("unknown delegate \"" + name + "\"; expected cpu, xnnpack or gpu");
    }

    /** What actually runs, and why if it differs from what was asked. */
    public record Choice(Backend backend, String fallbackMessage) {
    }

    /** GPU only when the TFLite build on the classpath has the GPU delegate; otherwise XNNPACK and a message. */
    public static Choice resolve(Backend wanted) {
        if (wanted != GPU || gpuAvailable()) return new Choice(wanted, null);
        return new Choice(XNNPACK, "the GPU delegate is not in this TFLite build (" + GPU_DELEGATE_CLASS
                + " is missing; the runner ships tensorflow-lite without tensorflow-lite-gpu); running on the CPU with XNNPACK instead");
    }

    static boolean gpuAvailable() {
        try {
            Class.forName(GPU_DELEGATE_CLASS);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
