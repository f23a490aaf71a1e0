package dev.snapfusion.studio.runs;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One run in the workspace's history: what was asked, on which device and bundle, and how long it took. Built with
 * {@link #builder()}, so no call site passes sixteen values by position.
 *
 * @param id unique in the workspace; for runs the studio makes, the device-side run id ({@code 20261207-143012-345-snapfusion})
 * @param device the device as people know it ("Google Pixel 8 Pro", "virtual device (host CPU, 2 cores)")
 * @param serial the adb serial, or "virtual"
 * @param bundle the bundle's id (its manifest's {@code id})
 * @param runtime {@code RunTimings.runtime()}, e.g. "TFLite 2.21.0 (C++ API, JavaCPP)"; empty when not recorded
 * @param folder the absolute local run folder (image.png, timings.json, request.json, events.jsonl)
 * @param totalMs end to end in ms; NaN when unknown
 * @param unetMedianStepMs median UNet step in ms; NaN when unknown
 */
public record RunEntry(String id, String prompt, String negativePrompt, String variant, String device, String serial,
                       String bundle, String quantization, int steps, long seed, double cfg, String runtime,
                       OffsetDateTime created, Path folder, double totalMs, double unetMedianStepMs) {
    public static final String IMAGE = "image.png";

    public RunEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(folder, "folder");
        if (id.isBlank()) throw new IllegalArgumentException("a run id cannot be blank");
        folder = folder.toAbsolutePath().normalize();
        prompt = orEmpty(prompt);
        negativePrompt = orEmpty(negativePrompt);
        variant = orEmpty(variant);
        device = orEmpty(device);
        serial = orEmpty(serial);
        bundle = orEmpty(bundle);
        quantization = orEmpty(quantization);
        runtime = orEmpty(runtime);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The run's image; it may be gone when the folder was moved or deleted by hand. */
    public Path image() {
        return folder.resolve(IMAGE);
    }

    /** The same entry under another id (the index makes ids unique). */
    public RunEntry withId(String newId) {
        return new RunEntry(newId, prompt, negativePrompt, variant, device, serial, bundle, quantization, steps, seed, cfg,
                runtime, created, folder, totalMs, unetMedianStepMs);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Named setters in place of the 16-part constructor. Not thread-safe. */
    public static final class Builder {
        private String id;
        private String prompt = "";
        private String negativePrompt = "";
        private String variant = "";
        private String device = "";
        private String serial = "";
        private String bundle = "";
        private String quantization = "";
        private int steps;
        private long seed;
        private double cfg = Double.NaN;
        private String runtime = "";
        private OffsetDateTime created;
        private Path folder;
        private double totalMs = Double.NaN;
        private double unetMedianStepMs = Double.NaN;

        private Builder() {
        }

        public Builder id(String v) { id = v; return this; }
        public Builder prompt(String v) { prompt = v; return this; }
        public Builder negativePrompt(String v) { negativePrompt = v; return this; }
        public Builder variant(String v) { variant = v; return this; }
        public Builder device(String v) { device = v; return this; }
        public Builder serial(String v) { serial = v; return this; }
        public Builder bundle(String v) { bundle = v; return this; }
        public Builder quantization(String v) { quantization = v; return this; }
        public Builder steps(int v) { steps = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder cfg(double v) { cfg = v; return this; }
        public Builder runtime(String v) { runtime = v; return this; }
        public Builder created(OffsetDateTime v) { created = v; return this; }
        public Builder folder(Path v) { folder = v; return this; }
        public Builder totalMs(double v) { totalMs = v; return this; }
        public Builder unetMedianStepMs(double v) { unetMedianStepMs = v; return this; }

        public RunEntry build() {
            return new RunEntry(id, prompt, negativePrompt, variant, device, serial, bundle, quantization, steps, seed, cfg,
                    runtime, created, folder, totalMs, unetMedianStepMs);
        }
    }
}
