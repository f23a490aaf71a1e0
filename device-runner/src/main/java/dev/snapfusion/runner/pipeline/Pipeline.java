package dev.snapfusion.runner.pipeline;

import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.Median;
import dev.snapfusion.runner.RunnerMain;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleFormatException;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.image.PngWriter;
import dev.snapfusion.runner.noise.Npy;
import dev.snapfusion.runner.noise.PortableNoise;
import dev.snapfusion.runner.protocol.BlockTime;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.runner.protocol.RunTimingsCodec;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import dev.snapfusion.runner.sched.DiffusionScheduler;
import dev.snapfusion.runner.sched.Schedulers;
import dev.snapfusion.runner.sched.PredictionType;
import dev.snapfusion.runner.sched.SchedulerParams;
import dev.snapfusion.runner.sched.TimestepEmbedding;
import dev.snapfusion.runner.text.ClipTokenizer;
import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.TfliteModel;
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
 * <p>Why two calls and not one batch-2 call: the bundle's UNet has a fixed batch of 1 (a batch-2 graph doubles the
 * activation memory and would need a second converted file), and on CPU TFLite the cost of a conv or GEMM grows
 * linearly with batch because the 64×64 latent already gives 4096 rows per GEMM, so batching saves only the
 * per-invoke overhead, which is well under 1% of a full-size step (docs/runner-protocol.md, "Guidance").
 */
public final class Pipeline {
    /** Invokes per block after the loop when blockwise, so each block median has enough samples. */
    /** Timed passes of the whole UNet and of the block chain for the block medians and their ratio. */
    public static final int TIMING_SAMPLES = 5;
    private final RunnerEventWriter events;

    public Pipeline(RunnerEventWriter events) {
        this.events = events;
    }

    public RunTimings run(RunRequest req) throws IOException {
        long tStart = System.nanoTime();
        events.write(new RunnerEvent.Hello(RunnerEvent.PROTOCOL_VERSION, RunnerMain.VERSION, "tflite", DeviceInfo.name(), DeviceInfo.abi()));
        File bundleDir = DevicePaths.resolve(req.bundleDir());
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
        File outDir = DevicePaths.resolve(req.outDir());
        if (!outDir.isDirectory() && !outDir.mkdirs()) throw new IOException("cannot create " + req.outDir());

        Backend.Choice backend = Backend.resolve(req.backend());
        if (backend.fallbackMessage() != null) events.write(new RunnerEvent.Notice("delegate_fallback", backend.fallbackMessage()));
        ClipTokenizer tokenizer = ClipTokenizer.load(new File(bundleDir, m.vocabFile()), new File(bundleDir, m.mergesFile()));
        Map<String, Double> loadMs = new LinkedHashMap<>();
        // A full-size fp32 UNet exceeds the 2 GB flatbuffer limit; such bundles carry only the block files.
        boolean hasWhole = m.components().containsKey(BundleManifest.UNET);
        boolean blockwise = req.mode() == RunMode.BLOCKWISE || !hasWhole;
        if (!hasWhole && req.mode() == RunMode.WHOLE) {
            events.write(new RunnerEvent.Notice("no_whole_unet", "this bundle has no whole-UNet file (over TFLite's 2 GB "
                    + "limit at this precision); running the UNet block by block instead"));
        }
        try (TfliteModel text = load(bundleDir, m, BundleManifest.TEXT_ENCODER, req, backend.backend(), loadMs);
             TfliteModel wholeUnet = hasWhole ? load(bundleDir, m, BundleManifest.UNET, req, backend.backend(), loadMs) : null;
             Unet unet = loadBlocks(wholeUnet, bundleDir, m, req, backend.backend(), loadMs, blockwise);
             TfliteModel vae = load(bundleDir, m, BundleManifest.VAE_DECODER, req, backend.backend(), loadMs)) {

            long t0 = System.nanoTime();
            float[] cond = text.run((Object) tokenizer.encode(req.prompt(), m.maxTokens()))[0];
            boolean guided = req.cfg() > 1.0;
            float[] uncond = guided ? text.run((Object) tokenizer.encode(req.negativePrompt(), m.maxTokens()))[0] : null;
            double textMs = Stopwatch.since(t0);
            events.write(new RunnerEvent.Phase("text_encoder", textMs));

            int h = m.latentHeight(), w = m.latentWidth(), c = m.latentChannels();
            DiffusionScheduler sched = Schedulers.create(req.scheduler() != null ? req.scheduler() : m.scheduler().type(),
                    SchedulerParams.from(m.scheduler()), PredictionType.parse(m.predictionType()));
            int[] timesteps = sched.timesteps(req.steps());
            float[] latents = initialLatents(req, c, h, w);
            float sigma = sched.initNoiseSigma();
            for (int i = 0; i < latents.length; i++) latents[i] *= sigma;

            warmUp(unet, latents, m, cond);
            List<Double> stepMs = new ArrayList<>();
            for (int s = 0; s < timesteps.length; s++) {
                long ts = System.nanoTime();
                int t = timesteps[s];
                float[] in = sched.scaleModelInput(latents, t);
                float[] temb = TimestepEmbedding.sinusoidal(t, m.timeEmbeddingDim(), true, 0f);
                float[] out = unet.run(in, temb, cond);
                if (guided) {
                    float[] un = unet.run(in, temb, uncond);
                    float g = (float) req.cfg();
                    for (int i = 0; i < out.length; i++) out[i] = un[i] + g * (out[i] - un[i]);
                }
                sched.step(out, t, latents, req.steps());
                double ms = Stopwatch.since(ts);
                stepMs.add(ms);
                events.write(new RunnerEvent.Step(s + 1, timesteps.length, t, ms));
            }

            double ratio = Double.NaN;
            List<BlockTime> blockTimes = new ArrayList<>();
            if (unet.blockwise()) {
                ratio = blockwiseOverWhole(unet, latents, m, cond, timesteps[timesteps.length - 1]);
                for (Block b : unet.blocks()) {
                    Stopwatch sw = unet.times(b.id());
                    blockTimes.add(new BlockTime(b.id(), b.stage(), b.kind().wireName(), sw.median()));
                    events.write(new RunnerEvent.BlockTiming(b.id(), b.stage(), b.kind().wireName(), sw.median(), sw.count()));
                }
            }

            // The final latents (before 1/scaling_factor), NCHW like diffusers, so a desktop check can compare numbers
            // and not only pixels (Npy.write renames a temp file into place).
            Npy.write(new File(outDir, "latents.npy"), toNchw(latents, c, h, w), new int[] {1, c, h, w});

            long td = System.nanoTime();
            float[] z = latents.clone();
            float inv = (float) (1 / m.scalingFactor());
            for (int i = 0; i < z.length; i++) z[i] *= inv;
            float[] image = vae.run((Object) z)[0];
            double decoderMs = Stopwatch.since(td);
            events.write(new RunnerEvent.Phase("decoder", decoderMs));

            int ih = h * 8, iw = w * 8;
            PngWriter.write(new File(outDir, "image.png"), iw, ih, PngWriter.imageToRgb(image, ih, iw));
            long peak = DeviceInfo.peakRssKb();
            events.write(new RunnerEvent.Memory(peak));
            double total = Stopwatch.since(tStart);
            RunTimings timings = new RunTimings(m.variant(), m.id(), m.quantization(), (blockwise ? RunMode.BLOCKWISE : RunMode.WHOLE).wireName(), DeviceInfo.name(),
                    req.steps(), req.seed(), req.cfg(), "image.png", iw, ih, loadMs, textMs, stepMs, decoderMs, total, blockTimes,
                    peak, ratio);
            writeAtomically(new File(outDir, "timings.json"), RunTimingsCodec.toJson(timings));
            events.write(new RunnerEvent.Done("image.png", "timings.json", total));
            return timings;
        }
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

    private void warmUp(Unet unet, float[] latents, BundleManifest m, float[] cond) {
        float[] temb = TimestepEmbedding.sinusoidal(500, m.timeEmbeddingDim(), true, 0f);
        if (unet.blockwise()) unet.runBlocks(latents, temb, cond, false);
        if (unet.hasWhole()) unet.runWhole(latents, temb, cond);
    }

    /**
     * Sum of block medians over the whole-UNet median, measured here under equal conditions: the same inputs (final
     * latents, last timestep, prompt context), one untimed warm-up pass of each, then {@link #TIMING_SAMPLES} timed
     * passes of each, interleaved so that thermal or load drift hits both alike. Both sides are timed the same way:
     * wall time around {@link TfliteModel#run}, so Java-side copies count for each block as they do for the whole.
     * The block medians reported for the run come from these samples only.
     */
    private double blockwiseOverWhole(Unet unet, float[] latents, BundleManifest m, float[] cond, int t) {
        float[] temb = TimestepEmbedding.sinusoidal(t, m.timeEmbeddingDim(), true, 0f);
        if (!unet.hasWhole()) {
            unet.runBlocks(latents, temb, cond, false);
            unet.resetTimes();
            for (int i = 0; i < TIMING_SAMPLES; i++) unet.runBlocks(latents, temb, cond, true);
            return Double.NaN;
        }
        unet.runWhole(latents, temb, cond);
        unet.runBlocks(latents, temb, cond, false);
        unet.resetTimes();
        List<Double> whole = new ArrayList<>();
        List<Double> wholeNative = new ArrayList<>();
        for (int i = 0; i < TIMING_SAMPLES; i++) {
            long t0 = System.nanoTime();
            unet.runWhole(latents, temb, cond);
            whole.add(Stopwatch.since(t0));
            wholeNative.add(unet.wholeInvokeMs());
            unet.runBlocks(latents, temb, cond, true);
        }
        double sum = 0;
        double sumNative = 0;
        for (Block b : unet.blocks()) {
            sum += unet.times(b.id()).median();
            sumNative += unet.nativeTimes(b.id()).median();
        }
        double ratio = sum / Median.of(whole);
        double nativeRatio = sumNative / Median.of(wholeNative);
        events.write(new RunnerEvent.Notice("blockwise_timing", String.format(java.util.Locale.ROOT,
                "whole UNet median %.2f ms, sum of %d block medians %.2f ms (ratio %.3f); TFLite invoke time only: "
                        + "%.2f ms vs %.2f ms (ratio %.3f); %d samples each after warm-up",
                Median.of(whole), unet.blocks().size(), sum, ratio, Median.of(wholeNative), sumNative,
                nativeRatio, TIMING_SAMPLES)));
        return ratio;
    }

    private TfliteModel load(File dir, BundleManifest m, String component, RunRequest req, Backend backend,
                             Map<String, Double> loadMs) {
        long t0 = System.nanoTime();
        File f = new File(dir, m.component(component).file());
        TfliteModel model = TfliteModel.load(f, req.threads(), backend);
        double ms = Stopwatch.since(t0);
        loadMs.put(component, ms);
        events.write(new RunnerEvent.Loaded(component, ms, f.length()));
        return model;
    }

    private Unet loadBlocks(TfliteModel whole, File dir, BundleManifest m, RunRequest req, Backend backend,
                            Map<String, Double> loadMs, boolean blockwise) {
        long t0 = System.nanoTime();
        Unet u = new Unet(whole, m.blocks(), dir, req.threads(), backend, blockwise);
        if (u.blockwise()) {
            double ms = Stopwatch.since(t0);
            long bytes = 0;
            for (Block b : m.blocks()) bytes += new File(dir, b.file()).length();
            loadMs.put("unet_blocks", ms);
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
