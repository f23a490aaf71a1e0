package dev.snapfusion.runner.pipeline;

import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.RunnerVersion;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleFormatException;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.image.PngWriter;
import dev.snapfusion.runner.noise.Npy;
import dev.snapfusion.runner.noise.PortableNoise;
import dev.snapfusion.runner.protocol.BlockTime;
import dev.snapfusion.runner.protocol.OpProfile;
import dev.snapfusion.runner.protocol.OpProfileCodec;
import dev.snapfusion.runner.protocol.Profile;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.runner.protocol.RunTimingsCodec;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import dev.snapfusion.runner.sched.DiffusionScheduler;
import dev.snapfusion.runner.sched.PredictionType;
import dev.snapfusion.runner.sched.SchedulerParams;
import dev.snapfusion.runner.sched.Schedulers;
import dev.snapfusion.runner.sched.TimestepEmbedding;
import dev.snapfusion.runner.text.ClipTokenizer;
import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.OpProfiling;
import dev.snapfusion.runner.tflite.TfliteModel;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text-to-image on one bundle: tokenize, encode text, denoise (DDIM, PNDM or Euler) with classifier-free guidance
 * as two UNet calls per step, decode, write image.png and timings.json. Emits events as it goes. Not thread-safe.
 *
 * <p>Components are loaded and freed in turn (text encoder, then UNet, then decoder), so the process never holds
 * more than one component's weights: a phone kills big processes, and the UNet alone is most of the budget
 * (docs/runtime.md, "Memory").
 *
 * <p>Why two UNet calls per step and not one batch-2 call: the bundle's UNet has a fixed batch of 1 (a batch-2 graph
 * doubles the activation memory and would need a second converted file), and on CPU TFLite the cost of a conv or
 * GEMM grows linearly with batch, so batching saves only the per-invoke overhead (docs/runner-protocol.md, "Guidance").
 */
public final class Pipeline {
    /** Timed passes of the whole UNet and of the block chain for the block medians and their ratio. */
    public static final int TIMING_SAMPLES = 5;
    private final RunnerEventWriter events;
    private final TfliteRuntime runtime;

    public Pipeline(RunnerEventWriter events) {
        this(events, TfliteRuntime.current());
    }

    public Pipeline(RunnerEventWriter events, TfliteRuntime runtime) {
        this.events = events;
        this.runtime = runtime;
    }

    public RunTimings run(RunRequest req) throws IOException {
        long tStart = System.nanoTime();
        events.write(new RunnerEvent.Hello(RunnerEvent.PROTOCOL_VERSION, RunnerVersion.VERSION, runtime.describe(),
                DeviceInfo.name(), DeviceInfo.abi()));
        File bundleDir = DevicePaths.resolve(req.bundleDir());
        BundleManifest m = openBundle(bundleDir, req);
        File outDir = DevicePaths.resolve(req.outDir());
        if (!outDir.isDirectory() && !outDir.mkdirs()) throw new IOException("cannot create " + req.outDir());
        Backend.Choice backend = Backend.resolve(req.backend());
        if (backend.fallbackMessage() != null) events.write(new RunnerEvent.Notice("delegate_fallback", backend.fallbackMessage()));

        RunContext ctx = new RunContext(req, m, bundleDir, outDir, backend.backend());
        Conditioning text = encodeText(ctx);
        float[] latents = denoise(ctx, text);
        // The final latents (before 1/scaling_factor), NCHW like diffusers, so a desktop check can compare numbers
        // and not only pixels (Npy.write renames a temp file into place).
        int c = m.latentChannels(), h = m.latentHeight(), w = m.latentWidth();
        Npy.write(new File(outDir, "latents.npy"), toNchw(latents, c, h, w), new int[] {1, c, h, w});
        float[] image = decode(ctx, latents);
        int ih = h * 8, iw = w * 8;
        PngWriter.write(new File(outDir, "image.png"), iw, ih, PngWriter.imageToRgb(image, ih, iw));
        long peak = DeviceInfo.peakRssKb();
        events.write(new RunnerEvent.Memory(peak));
        // The block-timing passes measure the UNet; they are not part of generating the image, so the total leaves them
        // out and they are reported as their own phase.
        if (ctx.measuringMs > 0) events.write(new RunnerEvent.Phase("block_timing", ctx.measuringMs));
        double total = Stopwatch.since(tStart) - ctx.measuringMs;
        RunTimings timings = ctx.timings
                .variant(m.variant()).bundleId(m.id()).quantization(m.quantization()).device(DeviceInfo.name())
                .runtime(runtime.describe()).steps(req.steps()).seed(req.seed()).cfg(req.cfg())
                .image("image.png", iw, ih).loadMs(ctx.loadMs).peakMemoryKb(ctx.peakKb.overall(peak))
                .peakMemoryKbByComponent(ctx.peakKb.byPhase()).totalMs(total).build();
        writeAtomically(new File(outDir, "timings.json"), RunTimingsCodec.toJson(timings));
        if (req.profile() == Profile.OPS) profileOps(ctx, text, latents);
        events.write(new RunnerEvent.Done("image.png", "timings.json", total));
        return timings;
    }

    /** What one run carries from phase to phase. */
    private static final class RunContext {
        final RunRequest req;
        final BundleManifest m;
        final File dir;
        final File outDir;
        final Backend backend;
        final Map<String, Double> loadMs = new LinkedHashMap<>();
        final PhasePeaks peakKb = new PhasePeaks();
        final RunTimings.Builder timings = RunTimings.builder();
        double measuringMs;

        RunContext(RunRequest req, BundleManifest m, File dir, File outDir, Backend backend) {
            this.req = req;
            this.m = m;
            this.dir = dir;
            this.outDir = outDir;
            this.backend = backend;
        }
    }

    /** The prompt's and negative prompt's encodings, and the prompt's token ids (the op profile reuses them). */
    private record Conditioning(float[] cond, float[] uncond, int[] tokens) {
    }

    private static BundleManifest openBundle(File bundleDir, RunRequest req) {
        File manifestFile = new File(bundleDir, BundleManifest.FILE_NAME);
        if (!manifestFile.isFile()) {
            throw new BundleFormatException("no bundle at " + req.bundleDir() + " (manifest.json missing; push the bundle first)");
        }
        BundleManifest m = ManifestCodec.read(manifestFile.toPath());
        for (var f : m.files()) {
            File file = new File(bundleDir, f.path());
            if (!file.isFile() || file.length() != f.size()) {
                throw new BundleFormatException("bundle file " + f.path() + " is missing or has the wrong size; push the bundle again");
            }
        }
        return m;
    }

    private Conditioning encodeText(RunContext ctx) throws IOException {
        BundleManifest m = ctx.m;
        ClipTokenizer tokenizer = ClipTokenizer.load(new File(ctx.dir, m.vocabFile()), new File(ctx.dir, m.mergesFile()));
        ctx.peakKb.startPhase();
        try (TfliteModel text = load(ctx, BundleManifest.TEXT_ENCODER)) {
            long t0 = System.nanoTime();
            int[] tokens = tokenizer.encode(ctx.req.prompt(), m.maxTokens());
            float[] cond = text.run((Object) tokens)[0];
            float[] uncond = ctx.req.cfg() > 1.0 ? text.run((Object) tokenizer.encode(ctx.req.negativePrompt(), m.maxTokens()))[0] : null;
            double ms = Stopwatch.since(t0);
            ctx.timings.textEncoderMs(ms);
            events.write(new RunnerEvent.Phase("text_encoder", ms));
            return new Conditioning(cond, uncond, tokens);
        } finally {
            ctx.peakKb.endPhase(BundleManifest.TEXT_ENCODER);
        }
    }

    private float[] denoise(RunContext ctx, Conditioning text) throws IOException {
        RunRequest req = ctx.req;
        BundleManifest m = ctx.m;
        // A full-size fp32 UNet exceeds the 2 GB flatbuffer limit; such bundles carry only the block files.
        boolean hasWhole = m.components().containsKey(BundleManifest.UNET);
        boolean skipping = !req.skipBlocks().isEmpty();
        boolean blockwise = req.mode() == RunMode.BLOCKWISE || !hasWhole || skipping;
        if (skipping) {
            events.write(new RunnerEvent.Notice("skip_blocks", "replacing " + req.skipBlocks().size() + " block(s) by identity: "
                    + String.join(", ", req.skipBlocks()) + "; the UNet runs block by block and no block timings are taken"));
        }
        if (!hasWhole && req.mode() == RunMode.WHOLE) {
            events.write(new RunnerEvent.Notice("no_whole_unet", "this bundle has no whole-UNet file (over TFLite's 2 GB "
                    + "limit at this precision); running the UNet block by block instead"));
        }
        // Blocks and the whole UNet side by side double the UNet's memory; only where the device has room for it
        // are both held, so that their timings can be interleaved (docs/runner-protocol.md, "Timing").
        boolean wholeBeside = hasWhole && !skipping && (!blockwise || MemoryBudget.roomForBoth(ctx.dir, m));
        ctx.timings.mode((blockwise ? RunMode.BLOCKWISE : RunMode.WHOLE).wireName());
        ctx.peakKb.startPhase();
        float[] latents;
        BlockTiming.Result timing = null;
        int lastT;
        try (TfliteModel wholeUnet = wholeBeside ? load(ctx, BundleManifest.UNET) : null;
             Unet unet = loadBlocks(ctx, wholeUnet, blockwise)) {
            DiffusionScheduler sched = Schedulers.create(req.scheduler() != null ? req.scheduler() : m.scheduler().type(),
                    SchedulerParams.from(m.scheduler()), PredictionType.parse(m.predictionType()));
            int[] timesteps = sched.timesteps(req.steps());
            latents = initialLatents(req, m.latentChannels(), m.latentHeight(), m.latentWidth());
            float sigma = sched.initNoiseSigma();
            for (int i = 0; i < latents.length; i++) latents[i] *= sigma;
            warmUp(unet, latents, m, text.cond());
            loop(ctx, unet, sched, timesteps, latents, text);
            lastT = timesteps[timesteps.length - 1];
            // A run that skips blocks is not the bundle's UNet: its block times would not belong in a latency table.
            if (unet.blockwise() && !skipping) {
                long t0 = System.nanoTime();
                timing = new BlockTiming(unet, TIMING_SAMPLES).measure(latents, timeEmbedding(m, lastT), text.cond());
                ctx.measuringMs += Stopwatch.since(t0);
            }
        }
        if (timing != null && hasWhole && !wholeBeside) {
            long t0 = System.nanoTime();
            try (TfliteModel whole = load(ctx, BundleManifest.UNET)) {
                timing = timing.withWhole(BlockTiming.timeWhole(whole, latents, timeEmbedding(m, lastT), text.cond(),
                        timing.samples()));
            }
            ctx.measuringMs += Stopwatch.since(t0);
        }
        ctx.peakKb.endPhase(BundleManifest.UNET);
        if (timing != null) reportBlocks(ctx, timing);
        return latents;
    }

    private void loop(RunContext ctx, Unet unet, DiffusionScheduler sched, int[] timesteps, float[] latents,
                      Conditioning text) {
        List<Double> stepMs = new ArrayList<>();
        for (int s = 0; s < timesteps.length; s++) {
            long ts = System.nanoTime();
            int t = timesteps[s];
            float[] in = sched.scaleModelInput(latents, t);
            float[] temb = timeEmbedding(ctx.m, t);
            float[] out = unet.run(in, temb, text.cond());
            if (text.uncond() != null) {
                float[] un = unet.run(in, temb, text.uncond());
                float g = (float) ctx.req.cfg();
                for (int i = 0; i < out.length; i++) out[i] = un[i] + g * (out[i] - un[i]);
            }
            sched.step(out, t, latents, ctx.req.steps());
            double ms = Stopwatch.since(ts);
            stepMs.add(ms);
            events.write(new RunnerEvent.Step(s + 1, timesteps.length, t, ms));
        }
        ctx.timings.unetPerStepMs(stepMs);
    }

    private static float[] timeEmbedding(BundleManifest m, int t) {
        return TimestepEmbedding.sinusoidal(t, m.timeEmbeddingDim(), true, 0f);
    }

    private void reportBlocks(RunContext ctx, BlockTiming.Result r) {
        List<BlockTime> blockTimes = new ArrayList<>();
        for (Block b : ctx.m.blocks()) {
            double ms = r.blockMs().get(b.id());
            blockTimes.add(new BlockTime(b.id(), b.stage(), b.kind().wireName(), ms));
            events.write(new RunnerEvent.BlockTiming(b.id(), b.stage(), b.kind().wireName(), ms, r.samples()));
        }
        ctx.timings.blocks(blockTimes).blockwiseSumOverWhole(r.sumOverWhole()).blockOverheadMs(r.overheadMs());
        events.write(new RunnerEvent.Notice("blockwise_timing", r.summary()));
    }

    private float[] decode(RunContext ctx, float[] latents) {
        ctx.peakKb.startPhase();
        try (TfliteModel vae = load(ctx, BundleManifest.VAE_DECODER)) {
            long td = System.nanoTime();
            float[] image = vae.run((Object) decoderInput(ctx.m, latents))[0];
            double ms = Stopwatch.since(td);
            ctx.timings.decoderMs(ms);
            events.write(new RunnerEvent.Phase("decoder", ms));
            return image;
        } finally {
            ctx.peakKb.endPhase(BundleManifest.VAE_DECODER);
        }
    }

    private static float[] decoderInput(BundleManifest m, float[] latents) {
        float[] z = latents.clone();
        float inv = (float) (1 / m.scalingFactor());
        for (int i = 0; i < z.length; i++) z[i] *= inv;
        return z;
    }

    /**
     * One profiled pass of each component on this run's inputs, into op_profile.json (docs/op-profile.md). The phone's
     * runtime has no op profiler: it says so in a notice and the run still succeeds.
     */
    private void profileOps(RunContext ctx, Conditioning text, float[] latents) throws IOException {
        if (!runtime.profilesOps()) {
            events.write(new RunnerEvent.Notice("op_profile_unsupported", "no op_profile.json: this runner uses "
                    + runtime.describe() + "; " + OpProfiling.UNSUPPORTED));
            return;
        }
        long t0 = System.nanoTime();
        Map<String, Object[]> inputs = new LinkedHashMap<>();
        inputs.put(BundleManifest.TEXT_ENCODER, new Object[] {text.tokens()});
        inputs.put(BundleManifest.UNET, new Object[] {latents,
                TimestepEmbedding.sinusoidal(500, ctx.m.timeEmbeddingDim(), true, 0f), text.cond()});
        inputs.put(BundleManifest.VAE_DECODER, new Object[] {decoderInput(ctx.m, latents)});
        OpProfile p;
        try {
            p = new OpProfilePhase(runtime, ctx.dir, ctx.m, ctx.req.threads(), ctx.backend).profile(inputs, DeviceInfo.name());
        } catch (RuntimeException e) {
            // The image and timings are already written: a failed extra pass must not turn the run into a failure.
            e.printStackTrace(System.err);
            events.write(new RunnerEvent.Notice("op_profile_failed", "no op_profile.json: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + " (stack trace on stderr)"));
            return;
        }
        writeAtomically(new File(ctx.outDir, OpProfile.FILE_NAME), OpProfileCodec.toJson(p));
        events.write(new RunnerEvent.Phase("op_profile", Stopwatch.since(t0)));
        events.write(new RunnerEvent.Notice("op_profile", OpProfileText.summary(p)));
    }

    private float[] initialLatents(RunRequest req, int c, int h, int w) throws IOException {
        if (req.initLatents() != null) {
            float[] nchw = Npy.read(DevicePaths.resolve(req.initLatents()), new int[] {1, c, h, w});
            return toNhwc(nchw, c, h, w);
        }
        // Noise is drawn in diffusers' NCHW order so --init-latents files and seeds mean the same thing.
        return toNhwc(PortableNoise.gaussian(req.seed(), c * h * w), c, h, w);
    }

    static float[] toNhwc(float[] nchw, int c, int h, int w) {
        float[] out = new float[nchw.length];
        for (int ch = 0; ch < c; ch++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) out[(y * w + x) * c + ch] = nchw[(ch * h + y) * w + x];
        return out;
    }

    static float[] toNchw(float[] nhwc, int c, int h, int w) {
        float[] out = new float[nhwc.length];
        for (int ch = 0; ch < c; ch++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) out[(ch * h + y) * w + x] = nhwc[(y * w + x) * c + ch];
        return out;
    }

    private static void warmUp(Unet unet, float[] latents, BundleManifest m, float[] cond) {
        float[] temb = TimestepEmbedding.sinusoidal(500, m.timeEmbeddingDim(), true, 0f);
        if (unet.blockwise()) unet.runBlocks(latents, temb, cond, false);
        if (unet.hasWhole()) unet.runWhole(latents, temb, cond);
    }

    private TfliteModel load(RunContext ctx, String component) {
        long t0 = System.nanoTime();
        File f = new File(ctx.dir, ctx.m.component(component).file());
        TfliteModel model = runtime.load(f, ctx.req.threads(), ctx.backend);
        double ms = Stopwatch.since(t0);
        ctx.loadMs.put(component, ms);
        events.write(new RunnerEvent.Loaded(component, ms, f.length()));
        return model;
    }

    private Unet loadBlocks(RunContext ctx, TfliteModel whole, boolean blockwise) {
        long t0 = System.nanoTime();
        Unet u = new Unet(whole, ctx.m.blocks(), ctx.dir, ctx.req.threads(), ctx.backend, blockwise, runtime,
                ctx.req.skipBlocks());
        if (u.blockwise()) {
            double ms = Stopwatch.since(t0);
            long bytes = 0;
            for (Block b : ctx.m.blocks()) bytes += new File(ctx.dir, b.file()).length();
            ctx.loadMs.put("unet_blocks", ms);
            events.write(new RunnerEvent.Loaded("unet_blocks", ms, bytes));
        }
        return u;
    }

    static void writeAtomically(File f, String content) throws IOException {
        File tmp = new File(f.getPath() + ".tmp");
        try (OutputStream out = new FileOutputStream(tmp)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        if (!tmp.renameTo(f)) throw new IOException("cannot rename " + tmp + " to " + f);
    }
}
