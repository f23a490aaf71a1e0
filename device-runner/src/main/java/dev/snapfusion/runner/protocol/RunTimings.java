package dev.snapfusion.runner.protocol;

import java.util.List;
import java.util.Map;

/**
 * Contents of timings.json, written by the runner beside image.png (docs/runner-protocol.md).
 *
 * @param loadMs model load time per component
 * @param blockwiseSumOverWhole sum of block medians over the whole-UNet median, or NaN when not measured
 */
public record RunTimings(String variant, String bundleId, String quantization, String mode, String device, int steps,
                         long seed, double cfg, String image, int width, int height, Map<String, Double> loadMs,
                         double textEncoderMs, List<Double> unetPerStepMs, double decoderMs, double totalMs,
                         List<BlockTime> blocks, long peakMemoryKb, double blockwiseSumOverWhole) {
    public RunTimings {
        loadMs = Map.copyOf(loadMs);
        unetPerStepMs = List.copyOf(unetPerStepMs);
        blocks = List.copyOf(blocks);
    }

    public double medianUnetStepMs() {
        double[] v = unetPerStepMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
