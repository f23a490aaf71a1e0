package dev.snapfusion.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.runner.noise.Npy;
import dev.snapfusion.runner.noise.PortableNoise;
import dev.snapfusion.runner.pipeline.Pipeline;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import dev.snapfusion.runner.text.ClipTokenizer;
import dev.snapfusion.runner.tflite.TfliteModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole 4-step run of the device runner on a tiny bundle, checked number by number against a computation written
 * here from the published formulas: the bundle's three .tflite files run directly, and DDIM (eq. 12 of Song et al.,
 * eta = 0, v-prediction as in Salimans & Ho), PNDM's PLMS (Liu et al., eq. 9 and 12) and Euler (Karras et al. /
 * k-diffusion) written out independently of dev.snapfusion.runner.sched. Tokenizer and noise have their own known-answer
 * tests in device-runner and are reused here.
 */
class RunnerFidelityTest {
    private static final String PROMPT = "a photo of an astronaut riding a horse";
    private static final String NEGATIVE = "blurry";
    private static final long SEED = 1234;
    private static final double CFG = 7.5;
    /** leading spacing, 1000 // 4 = 250, steps_offset 1. */
    private static final int[] TIMESTEPS = {751, 501, 251, 1};
    private static final int H = 16, W = 16, C = 4;

    @TempDir
    static Path dir;
    static Path bundle;

    @BeforeAll
    static void convert() throws Exception {
        bundle = dir.resolve("sf");
        // synthetic weights: the SD-v1.5 schedule (leading spacing) these hand-computed timesteps follow; the shipped toy
        // SnapFusion samples with trailing spacing
        BundleConverter.convert("synthetic:demo:snapfusion", Quantization.FP32, bundle, ConvertListener.NONE);
    }

    @Test
    void ddim4StepsBlockwise_vPrediction_runnerLatentsAndImageEqualDesktopWholeUnetComputation() throws Exception {
        float[][] cond = encodeBoth();
        float[] x = noiseNhwc();
        try (TfliteModel unet = model("unet.tflite")) {
            for (int t : TIMESTEPS) {
                float[] v = guided(unet, x, t, cond);
                double a = alphaBar(t);
                int prev = t - 250;
                double ap = prev >= 0 ? alphaBar(prev) : alphaBar(0);
                for (int i = 0; i < x.length; i++) {
                    double x0 = Math.sqrt(a) * x[i] - Math.sqrt(1 - a) * v[i];
                    double eps = Math.sqrt(a) * v[i] + Math.sqrt(1 - a) * x[i];
                    x[i] = (float) (Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * eps);
                }
            }
        }
        // blockwise: the runner chains unet_blocks/*, the desktop side runs unet.tflite, so this also shows
        // blockwise output == whole output
        String events = checkRun("ddim", x, true, RunMode.BLOCKWISE);
        assertThat(events).contains("\"event\":\"notice\",\"code\":\"blockwise_timing\"");
        // small UNets get more than the minimum of samples (BlockTiming's time budget); every block the same count
        java.util.Set<Integer> samples = new java.util.HashSet<>();
        events.lines().filter(l -> l.contains("\"event\":\"block\"")).forEach(l ->
                samples.add(Integer.parseInt(l.replaceAll(".*\"samples\":(\\d+).*", "$1"))));
        assertThat(samples).hasSize(1);
        assertThat(samples.iterator().next()).isGreaterThanOrEqualTo(Pipeline.TIMING_SAMPLES);
    }

    @Test
    void euler4Steps_vPrediction_runnerLatentsEqualDesktopComputation() throws Exception {
        float[][] cond = encodeBoth();
        float[] x = noiseNhwc();
        double[] sigma = new double[TIMESTEPS.length + 1];
        for (int i = 0; i < TIMESTEPS.length; i++) sigma[i] = Math.sqrt((1 - alphaBar(TIMESTEPS[i])) / alphaBar(TIMESTEPS[i]));
        double init = Math.sqrt(sigma[0] * sigma[0] + 1);
        for (int i = 0; i < x.length; i++) x[i] = (float) (x[i] * (float) init);
        try (TfliteModel unet = model("unet.tflite")) {
            for (int s = 0; s < TIMESTEPS.length; s++) {
                double sg = sigma[s];
                float[] in = new float[x.length];
                for (int i = 0; i < x.length; i++) in[i] = (float) (x[i] / Math.sqrt(sg * sg + 1));
                float[] v = guided(unet, in, TIMESTEPS[s], cond);
                for (int i = 0; i < x.length; i++) {
                    double denoised = v[i] * (-sg / Math.sqrt(sg * sg + 1)) + x[i] / (sg * sg + 1);
                    x[i] = (float) (x[i] + (x[i] - denoised) / sg * (sigma[s + 1] - sg));
                }
            }
        }
        checkRun("euler", x, false, RunMode.WHOLE);
    }

    @Test
    void pndm4Steps_vPrediction_runnerLatentsEqualDesktopComputation() throws Exception {
        float[][] cond = encodeBoth();
        float[] x = noiseNhwc();
        // diffusers' timesteps for 4 steps: 751, 501, 501, 251, 1 (five UNet calls). Model outputs are combined
        // first, then turned from v into eps with the sample being stepped from.
        try (TfliteModel unet = model("unet.tflite")) {
            float[] v0 = guided(unet, x, 751, cond);
            float[] x1 = pndmStep(x, 751, 501, eps(v0, x, 751));
            float[] v1 = guided(unet, x1, 501, cond);
            float[] avg = new float[x.length];
            for (int i = 0; i < x.length; i++) avg[i] = (v1[i] + v0[i]) / 2f;
            float[] x2 = pndmStep(x, 751, 501, eps(avg, x, 751));
            float[] v2 = guided(unet, x2, 501, cond);
            float[] comb2 = new float[x.length];
            for (int i = 0; i < x.length; i++) comb2[i] = (3 * v2[i] - v0[i]) / 2f;
            float[] x3 = pndmStep(x2, 501, 251, eps(comb2, x2, 501));
            float[] v3 = guided(unet, x3, 251, cond);
            float[] comb3 = new float[x.length];
            for (int i = 0; i < x.length; i++) comb3[i] = (23 * v3[i] - 16 * v2[i] + 5 * v0[i]) / 12f;
            float[] x4 = pndmStep(x3, 251, 1, eps(comb3, x3, 251));
            float[] v4 = guided(unet, x4, 1, cond);
            float[] comb4 = new float[x.length];
            for (int i = 0; i < x.length; i++) comb4[i] = (1f / 24f) * (55 * v4[i] - 59 * v3[i] + 37 * v2[i] - 9 * v0[i]);
            x = pndmStep(x4, 1, -249, eps(comb4, x4, 1));
        }
        checkRun("pndm", x, false, RunMode.WHOLE);
    }

    /** v -> eps: eps = sqrt(a) v + sqrt(1 - a) x. */
    private static float[] eps(float[] v, float[] x, int t) {
        double a = alphaBar(t);
        float[] e = new float[v.length];
        for (int i = 0; i < v.length; i++) e[i] = (float) (Math.sqrt(a) * v[i] + Math.sqrt(1 - a) * x[i]);
        return e;
    }

    /** PNDM eq. 9: x' = sqrt(a'/a) x - (a' - a) e / (a sqrt(1 - a') + sqrt(a (1 - a) a')). */
    private static float[] pndmStep(float[] x, int t, int prev, float[] e) {
        double a = alphaBar(t);
        double ap = prev >= 0 ? alphaBar(prev) : alphaBar(0);
        double denom = a * Math.sqrt(1 - ap) + Math.sqrt(a * (1 - a) * ap);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (float) (Math.sqrt(ap / a) * x[i] - (ap - a) * e[i] / denom);
        return out;
    }

    /** Runs the runner and compares its latents.npy (and, with {@code checkImage}, its image.png) with ours. */
    private String checkRun(String scheduler, float[] expectedNhwc, boolean checkImage, RunMode mode) throws Exception {
        Path out = dir.resolve("run-" + scheduler);
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        new Pipeline(new RunnerEventWriter(new PrintStream(events, true, "UTF-8"))).run(new RunRequest(bundle.toString(),
                out.toString(), PROMPT, NEGATIVE, SEED, TIMESTEPS.length, CFG, mode, 2, true, null, scheduler, null));
        float[] got = Npy.read(out.resolve("latents.npy").toFile(), new int[] {1, C, H, W});
        float[] want = nchw(expectedNhwc);
        double maxAbs = 0, maxErr = 0;
        for (int i = 0; i < want.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(want[i]));
            maxErr = Math.max(maxErr, Math.abs(want[i] - got[i]));
        }
        assertThat(maxAbs).as("latents are not trivially zero").isGreaterThan(0.1);
        assertThat(maxErr).as(scheduler + ": max |runner - desktop| over " + want.length + " latents").isLessThanOrEqualTo(1e-5 * maxAbs);
        if (!checkImage) return events.toString("UTF-8");

        float[] z = expectedNhwc.clone();
        for (int i = 0; i < z.length; i++) z[i] = z[i] * (float) (1 / 0.18215);
        float[] img;
        try (TfliteModel vae = model("vae_decoder.tflite")) {
            img = vae.run((Object) z)[0];
        }
        BufferedImage png = ImageIO.read(out.resolve("image.png").toFile());
        assertThat(png.getWidth()).isEqualTo(W * 8);
        int worst = 0;
        for (int y = 0; y < H * 8; y++)
            for (int x = 0; x < W * 8; x++)
                for (int ch = 0; ch < 3; ch++) {
                    double v = Math.min(1, Math.max(0, img[(y * W * 8 + x) * 3 + ch] / 2.0 + 0.5));
                    int want8 = (int) Math.rint(v * 255);
                    int got8 = (png.getRGB(x, y) >> (16 - 8 * ch)) & 255;
                    worst = Math.max(worst, Math.abs(want8 - got8));
                }
        assertThat(worst).as(scheduler + ": max pixel difference").isLessThanOrEqualTo(1);
        return events.toString("UTF-8");
    }

    private static float[] guided(TfliteModel unet, float[] x, int t, float[][] cond) {
        float[] temb = embedding(t, 32);
        float[] c = unet.run(x, temb, cond[0])[0];
        float[] u = unet.run(x, temb, cond[1])[0];
        float[] out = new float[c.length];
        for (int i = 0; i < c.length; i++) out[i] = u[i] + (float) CFG * (c[i] - u[i]);
        return out;
    }

    /** Sinusoidal embedding with flip_sin_to_cos: [cos(t f_i), sin(t f_i)], f_i = 10000^(-i / half). */
    private static float[] embedding(int t, int dim) {
        int half = dim / 2;
        float[] e = new float[dim];
        for (int i = 0; i < half; i++) {
            double f = Math.pow(10000, -(double) i / half);
            e[i] = (float) Math.cos(t * f);
            e[half + i] = (float) Math.sin(t * f);
        }
        return e;
    }

    /** alpha_bar_t = prod_{i<=t} (1 - beta_i), beta = linspace(sqrt(0.00085), sqrt(0.012), 1000)^2. */
    private static double alphaBar(int t) {
        double p = 1;
        for (int i = 0; i <= t; i++) {
            double r = Math.sqrt(0.00085) + (Math.sqrt(0.012) - Math.sqrt(0.00085)) * i / 999.0;
            p *= 1 - r * r;
        }
        return p;
    }

    private float[][] encodeBoth() throws Exception {
        ClipTokenizer tok = ClipTokenizer.load(bundle.resolve("tokenizer/vocab.json").toFile(),
                bundle.resolve("tokenizer/merges.txt").toFile());
        try (TfliteModel text = model("text_encoder.tflite")) {
            return new float[][] {text.run((Object) tok.encode(PROMPT, 77))[0], text.run((Object) tok.encode(NEGATIVE, 77))[0]};
        }
    }

    private static float[] noiseNhwc() {
        float[] nchw = PortableNoise.gaussian(SEED, C * H * W);
        float[] nhwc = new float[nchw.length];
        for (int c = 0; c < C; c++)
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++) nhwc[(y * W + x) * C + c] = nchw[(c * H + y) * W + x];
        return nhwc;
    }

    private static float[] nchw(float[] nhwc) {
        float[] out = new float[nhwc.length];
        for (int c = 0; c < C; c++)
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++) out[(c * H + y) * W + x] = nhwc[(y * W + x) * C + c];
        return out;
    }

    private static TfliteModel model(String file) {
        return TfliteModel.load(new File(bundle.toFile(), file), 2, true);
    }
}
