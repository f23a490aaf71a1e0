package dev.snapfusion.runner.pipeline;

import dev.snapfusion.runner.Median;
import dev.snapfusion.runner.bundle.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-block medians that add up to the whole UNet. Each block is timed by its TFLite invoke alone (no Java-side
 * copies, no event writing), after an untimed invoke that wakes the block's own XNNPACK thread pool and a cache flush
 * that puts its weights back in memory (Unet.runBlocks), so it costs what it costs inside the whole graph; the whole
 * UNet is timed by its invoke too. What a blockwise pass costs beyond its blocks (copies between block files) is
 * measured separately and reported as its own overhead line instead of being spread over the blocks. Whole and blockwise passes are interleaved, same inputs, after one untimed
 * warm-up of each, so that load or thermal drift hits both alike (docs/runner-protocol.md, "Timing").
 */
final class BlockTiming {
    /** Timed wall time to aim for: small UNets get more samples, so their medians settle (at least the minimum). */
    static final double BUDGET_MS = 3000;
    static final int MAX_SAMPLES = 60;
    private final Unet unet;
    private final int minSamples;

    BlockTiming(Unet unet, int minSamples) {
        this.unet = unet;
        this.minSamples = minSamples;
    }

    /**
     * @param blockMs median invoke time per block id
     * @param wholeMs median invoke time of the whole UNet, NaN if the bundle has none
     * @param overheadMs median wall time of a blockwise pass minus the sum of its invokes
     */
    record Result(Map<String, Double> blockMs, double wholeMs, double overheadMs, int samples, boolean interleaved) {
        Result withWhole(double ms) {
            return new Result(blockMs, ms, overheadMs, samples, false);
        }

        double blockSumMs() {
            return blockMs.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double sumOverWhole() {
            return Double.isNaN(wholeMs) ? Double.NaN : blockSumMs() / wholeMs;
        }

        String summary() {
            return String.format(Locale.ROOT, "sum of %d block medians %.2f ms, whole UNet %.2f ms (ratio %.3f), "
                            + "blockwise overhead %.2f ms per pass outside the blocks' invokes; TFLite invoke time, "
                            + "%d %s samples each after warm-up",
                    blockMs.size(), blockSumMs(), wholeMs, sumOverWhole(), overheadMs, samples,
                    interleaved ? "interleaved" : "sequential (blocks, then the whole UNet alone, to hold one copy in memory)");
        }
    }

    Result measure(float[] sample, float[] temb, float[] context) {
        long w0 = System.nanoTime();
        if (unet.hasWhole()) unet.runWhole(sample, temb, context);
        unet.runBlocks(sample, temb, context, false);
        double warmMs = Stopwatch.since(w0);
        int samples = (int) Math.max(minSamples, Math.min(MAX_SAMPLES, Math.floor(BUDGET_MS / Math.max(warmMs, 1e-3))));
        unet.resetTimes();
        List<Double> whole = new ArrayList<>();
        List<Double> overhead = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            if (unet.hasWhole()) {
                unet.runWhole(sample, temb, context);
                whole.add(unet.wholeInvokeMs());
            }
            long t0 = System.nanoTime();
            unet.runBlocks(sample, temb, context, true);
            double wall = Stopwatch.since(t0);
            overhead.add(wall - unet.lastPassInvokeMs() - unet.lastPassPrepMs());
        }
        Map<String, Double> blockMs = new LinkedHashMap<>();
        for (Block b : unet.blocks()) blockMs.put(b.id(), unet.times(b.id()).median());
        return new Result(blockMs, whole.isEmpty() ? Double.NaN : Median.of(whole), Median.of(overhead), samples,
                unet.hasWhole());
    }

    /** The whole UNet alone, for a blockwise run whose block files were freed first: warm-up, then the median. */
    static double timeWhole(dev.snapfusion.runner.tflite.TfliteModel whole, float[] sample, float[] temb, float[] context,
                            int samples) {
        whole.run(sample, temb, context);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            whole.run(sample, temb, context);
            ms.add(whole.lastInvokeMs());
        }
        return Median.of(ms);
    }
}
