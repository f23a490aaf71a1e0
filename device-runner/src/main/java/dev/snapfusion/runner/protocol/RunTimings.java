package dev.snapfusion.runner.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contents of timings.json, written by the runner beside image.png (docs/runner-protocol.md). Built with
 * {@link #builder()}: no call site passes a long positional list.
 *
 * @param runtime the TFLite build that produced every number here, e.g. "TFLite 2.21.0 (C++ API, JavaCPP)"
 * @param loadMs model load time per component
 * @param blockwiseSumOverWhole sum of block medians over the whole-UNet median, or NaN when not measured
 * @param blockOverheadMs what one blockwise UNet pass costs beyond the sum of its blocks' invoke times (copies and
 *                        per-invoke work outside TFLite), shown as its own line; NaN when not measured
 * @param peakMemoryKbByComponent VmHWM after each phase (load and run of text_encoder, unet, vae_decoder), in kB
 */
public record RunTimings(String variant, String bundleId, String quantization, String mode, String device,
                         String runtime, int steps, long seed, double cfg, String image, int width, int height,
                         Map<String, Double> loadMs, double textEncoderMs, List<Double> unetPerStepMs, double decoderMs,
                         double totalMs, List<BlockTime> blocks, long peakMemoryKb, double blockwiseSumOverWhole,
                         double blockOverheadMs, Map<String, Long> peakMemoryKbByComponent) {
    public RunTimings {
        loadMs = Map.copyOf(loadMs);
        unetPerStepMs = List.copyOf(unetPerStepMs);
        blocks = List.copyOf(blocks);
        peakMemoryKbByComponent = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peakMemoryKbByComponent));
    }

    public static Builder builder() {
        return new Builder();
    }

    public double medianUnetStepMs() {
        double[] v = unetPerStepMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Named setters in place of the 22-part constructor. Not thread-safe. */
    public static final class Builder {
        private String variant = "";
        private String bundleId = "";
        private String quantization = "";
        private String mode = "";
        private String device = "";
        private String runtime = "";
        private int steps;
        private long seed;
        private double cfg;
        private String image = "image.png";
        private int width;
        private int height;
        private Map<String, Double> loadMs = Map.of();
        private double textEncoderMs;
        private List<Double> unetPerStepMs = new ArrayList<>();
        private double decoderMs;
        private double totalMs;
        private List<BlockTime> blocks = new ArrayList<>();
        private long peakMemoryKb = -1;
        private double blockwiseSumOverWhole = Double.NaN;
        private double blockOverheadMs = Double.NaN;
        private Map<String, Long> peakMemoryKbByComponent = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder variant(String v) { variant = v; return this; }
        public Builder bundleId(String v) { bundleId = v; return this; }
        public Builder quantization(String v) { quantization = v; return this; }
        public Builder mode(String v) { mode = v; return this; }
        public Builder device(String v) { device = v; return this; }
        public Builder runtime(String v) { runtime = v; return this; }
        public Builder steps(int v) { steps = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder cfg(double v) { cfg = v; return this; }
        public Builder image(String file, int w, int h) { image = file; width = w; height = h; return this; }
        public Builder loadMs(Map<String, Double> v) { loadMs = v; return this; }
        public Builder textEncoderMs(double v) { textEncoderMs = v; return this; }
        public Builder unetPerStepMs(List<Double> v) { unetPerStepMs = v; return this; }
        public Builder decoderMs(double v) { decoderMs = v; return this; }
        public Builder totalMs(double v) { totalMs = v; return this; }
        public Builder blocks(List<BlockTime> v) { blocks = v; return this; }
        public Builder peakMemoryKb(long v) { peakMemoryKb = v; return this; }
        public Builder blockwiseSumOverWhole(double v) { blockwiseSumOverWhole = v; return this; }
        public Builder blockOverheadMs(double v) { blockOverheadMs = v; return this; }
        public Builder peakMemoryKbByComponent(Map<String, Long> v) { peakMemoryKbByComponent = v; return this; }

        public RunTimings build() {
            return new RunTimings(variant, bundleId, quantization, mode, device, runtime, steps, seed, cfg, image, width,
                    height, loadMs, textEncoderMs, unetPerStepMs, decoderMs, totalMs, blocks, peakMemoryKb,
                    blockwiseSumOverWhole, blockOverheadMs, peakMemoryKbByComponent);
        }
    }
}
