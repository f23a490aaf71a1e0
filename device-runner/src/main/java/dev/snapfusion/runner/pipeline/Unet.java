package dev.snapfusion.runner.pipeline;

import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleFormatException;
import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.TfliteModel;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The UNet, run whole (one model) or block by block. Block wiring (docs/bundle.md): a block reads the
 * activations named in {@code inputs}; its output is stored under its {@code outputs[0]} name and under
 * its id, which is how up-path resnets name their skip. Not thread-safe.
 */
final class Unet implements AutoCloseable {
    private final TfliteModel whole;
    private final List<Block> blocks;
    private final List<TfliteModel> blockModels = new ArrayList<>();
    private final Map<String, Stopwatch> blockTimes = new LinkedHashMap<>();
    private final Set<String> skip;
    private double lastPassInvokeMs;
    private double prepMs;
    private final CacheFlush flush = new CacheFlush();

    Unet(TfliteModel whole, List<Block> blocks, File bundleDir, int threads, Backend backend, boolean blockwise,
         TfliteRuntime runtime) {
        this(whole, blocks, bundleDir, threads, backend, blockwise, runtime, List.of());
    }

    /**
     * @param skip block ids replaced by identity (request {@code skip_blocks}); each must be skippable by
     *             {@link BlockSkips}, else the run is refused naming the block and why
     */
    Unet(TfliteModel whole, List<Block> blocks, File bundleDir, int threads, Backend backend, boolean blockwise,
         TfliteRuntime runtime, List<String> skip) {
        this.whole = whole;
        this.blocks = blocks;
        this.skip = new HashSet<>(skip);
        if (!skip.isEmpty() && !blockwise) throw new IllegalArgumentException("skipping blocks needs a blockwise UNet");
        Set<String> ids = new HashSet<>();
        for (Block b : blocks) ids.add(b.id());
        for (String id : skip) {
            if (!ids.contains(id)) throw new BundleFormatException("skip_blocks names '" + id + "', which is not a block of this bundle");
        }
        if (blockwise) {
            if (blocks.isEmpty()) throw new BundleFormatException("bundle has no unet_blocks; blockwise mode needs them");
            for (Block b : blocks) {
                TfliteModel model = runtime.load(new File(bundleDir, b.file()), threads, backend);
                blockModels.add(model);
                blockTimes.put(b.id(), new Stopwatch());
                String why = this.skip.contains(b.id()) ? BlockSkips.whyFixed(b, model) : null;
                if (why != null) {
                    blockModels.forEach(TfliteModel::close);
                    throw new BundleFormatException("skip_blocks names " + b.id() + ", which cannot be skipped: " + why);
                }
            }
        }
    }

    boolean blockwise() {
        return !blockModels.isEmpty();
    }

    /** False for bundles that carry only block files (a full-size fp32 UNet is over the 2 GB flatbuffer limit). */
    boolean hasWhole() {
        return whole != null;
    }

    float[] runWhole(float[] sample, float[] temb, float[] context) {
        if (whole == null) throw new BundleFormatException("bundle has no whole-UNet file; run it block by block");
        return whole.run(sample, temb, context)[0];
    }

    float[] runBlocks(float[] sample, float[] temb, float[] context, boolean record) {
        Map<String, float[]> env = new HashMap<>();
        double invokeMs = 0;
        prepMs = 0;
        env.put("sample", sample);
        env.put("t_emb", temb);
        env.put("context", context);
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Object[] in = new Object[b.inputs().size()];
            for (int j = 0; j < in.length; j++) {
                float[] v = env.get(b.inputs().get(j));
                if (v == null) throw new BundleFormatException("block " + b.id() + " reads '" + b.inputs().get(j) + "', which no earlier block makes");
                in[j] = v;
            }
            float[] out;
            if (skip.contains(b.id())) {
                out = (float[]) in[0]; // identity (BlockSkips): nothing later writes into an activation in place
            } else {
                TfliteModel model = blockModels.get(i);
                if (record) {
                    // Each block file has its own interpreter and XNNPACK thread pool, asleep since the last pass; the
                    // whole UNet keeps one pool busy. An untimed invoke wakes this block's pool, the flush puts its
                    // weights back out of cache, then the timed invoke costs what the block costs inside the whole.
                    long p0 = System.nanoTime();
                    model.run(in);
                    flush.run();
                    prepMs += Stopwatch.since(p0);
                }
                out = model.run(in)[0];
                invokeMs += model.lastInvokeMs();
                if (record) blockTimes.get(b.id()).add(model.lastInvokeMs());
            }
            env.put(b.outputs().get(0), out);
            env.put(b.id(), out);
        }
        lastPassInvokeMs = invokeMs;
        float[] out = env.get("out");
        if (out == null) throw new BundleFormatException("no block writes 'out'");
        return out;
    }

    /** One UNet evaluation for the denoising loop; block timings are taken separately (Pipeline). */
    float[] run(float[] sample, float[] temb, float[] context) {
        return blockwise() ? runBlocks(sample, temb, context, false) : runWhole(sample, temb, context);
    }

    double wholeInvokeMs() {
        return whole == null ? Double.NaN : whole.lastInvokeMs();
    }

    /** Time the last recorded pass spent waking block pools and flushing caches (not part of any block). */
    double lastPassPrepMs() {
        return prepMs;
    }

    /** Sum of the TFLite invoke times of the last {@link #runBlocks} pass. */
    double lastPassInvokeMs() {
        return lastPassInvokeMs;
    }

    void resetTimes() {
        blockTimes.replaceAll((k, v) -> new Stopwatch());
    }

    List<Block> blocks() {
        return blocks;
    }

    /** TFLite invoke time per recorded pass of one block. */
    Stopwatch times(String blockId) {
        return blockTimes.get(blockId);
    }

    @Override
    public void close() {
        if (whole != null) whole.close();
        blockModels.forEach(TfliteModel::close);
    }
}
