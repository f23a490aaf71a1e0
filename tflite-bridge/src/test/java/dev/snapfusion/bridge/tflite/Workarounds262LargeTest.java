package dev.snapfusion.bridge.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.ConvertRequest;
import dev.snapfusion.bridge.convert.ImageParity;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.quant.Scheme;
import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.TfliteModel;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a timed test: each TFLite 2.6.2 workaround against the form it replaces, on the desktop runtime
 * (TFLite 2.21, XNNPACK, 2 threads, median of several invokes): file size, speed, and the error against a plain-Java
 * computation. docs/decisions.md ("Session 3: 2.6.2 workarounds against 2.16.1") holds the numbers.
 * {@code ./mvnw -B -o -q -pl tflite-bridge -am test -Dtest=Workarounds262LargeTest -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dworkarounds.presets=false} skips the demo-preset bundles).
 */
@Tag("large")
class Workarounds262LargeTest {
    private static final int THREADS = 2, RUNS = 7;

    @TempDir
    Path dir;

    private record Measured(String form, long bytes, double ms, double maxErr, double refMax, int partitions) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "| %s | %d | %.2f | %.3g | %.3g | %d |", form, bytes, ms, maxErr, refMax, partitions);
        }
    }

    @Test
    void microForms_printSizeSpeedAndError() throws Exception {
        StringBuilder t = new StringBuilder("\n| form | bytes | ms (median) | max abs err | ref max | XNNPACK partitions |\n|---|---|---|---|---|---|\n");
        gelu(t);
        int8WeightPerChannel(t);
        int8DynamicLinear(t);
        int8DynamicPointwise(t);
        strideTwo(t);
        System.out.println(t);
        Files.writeString(Path.of("target", "workarounds-262.md"), t);
    }

    private void gelu(StringBuilder t) throws Exception {
        int n = 4096, c = 1280;                                  // SD-v1.5's 64×64 GEGLU gate
        float[] x = random(new Random(1), n * c, 2);
        float[] want = new float[x.length];
        for (int i = 0; i < x.length; i++) want[i] = (float) (0.5 * x[i] * (1 + erf(x[i] / Math.sqrt(2))));
        for (String form : new String[] {"composed (x·sigmoid)", "GELU builtin, exact", "GELU builtin, approximate"}) {
            Graph g = new Graph("gelu");
            T in = g.input("x", n, c);
            T y = switch (form) {
                case "GELU builtin, exact" -> g.gelu(in, false);
                case "GELU builtin, approximate" -> g.gelu(in, true);
                default -> {
                    double k2 = 2 * Math.sqrt(2 / Math.PI);           // as Nn.gelu
                    T u = g.add(g.mul(g.mul(in, in), g.scalar((float) (0.044715 * k2))), g.scalar((float) k2));
                    yield g.mul(in, g.logistic(g.mul(u, in)));
                }
            };
            g.output("y", g.mul(y, in));                          // GEGLU: hidden · gelu(gate), so the partition count shows
            float[] wantGeglu = new float[x.length];
            for (int i = 0; i < x.length; i++) wantGeglu[i] = want[i] * x[i];
            t.append(measure("gelu [" + n + "," + c + "] · x: " + form, g, wantGeglu, x)).append('\n');
        }
    }

    private void int8WeightPerChannel(StringBuilder t) throws Exception {
        int n = 1024, in = 320, out = 1280;                       // 32×32 pixels through a GEGLU projection
        Random r = new Random(2);
        float[] x = random(r, n * in, 1), w = random(r, out * in, 0.1), b = random(r, out, 0.1);
        for (int i = 0; i < in; i++) w[i] *= 20;
        float[] want = linear(x, n, in, dequantized(w, out), b, out);
        for (boolean legacy : new boolean[] {true, false}) {
            Graph g = new Graph("fc").weightFormat(QuantRecipe.of(Scheme.INT8_WEIGHT).weightFormat("unet")).legacyForms(legacy);
            g.output("y", g.fullyConnected(g.input("x", n, in), g.weight("w", w, out, in), g.weight("b", b, out)));
            t.append(measure("int8-weight FC " + n + "×" + in + "→" + out + ": " + (legacy ? "int8 + DEQUANTIZE + MUL (2.6.2)" : "per-channel DEQUANTIZE"),
                    g, want, x)).append('\n');
        }
        int h = 32, c = 320, k = 3;
        float[] xc = random(r, h * h * c, 1), wc = random(r, c * k * k * c, 0.05), bc = random(r, c, 0.1);
        float[] wantC = conv(xc, h, h, c, dequantized(wc, c), bc, c, k, 1, 1);
        for (boolean legacy : new boolean[] {true, false}) {
            Graph g = new Graph("conv").weightFormat(QuantRecipe.of(Scheme.INT8_WEIGHT).weightFormat("unet")).legacyForms(legacy);
            g.output("y", g.conv2d(g.input("x", 1, h, h, c), g.weight("w", wc, c, k, k, c), g.weight("b", bc, c), 1, 1));
            t.append(measure("int8-weight conv 3×3 " + c + "→" + c + " at " + h + "×" + h + ": "
                    + (legacy ? "int8 + DEQUANTIZE + MUL (2.6.2)" : "per-channel DEQUANTIZE"), g, wantC, xc)).append('\n');
        }
    }

    private void int8DynamicLinear(StringBuilder t) throws Exception {
        int n = 1024, in = 640, out = 640;
        Random r = new Random(3);
        float[] x = random(r, n * in, 1), w = random(r, out * in, 0.1), b = random(r, out, 0.1);
        for (int i = 0; i < in; i++) x[i] *= 50;                  // one outlier row
        for (int i = 0; i < in; i++) w[i] *= 20;                  // one large output channel
        float[] want = linear(x, n, in, w, b, out);
        for (boolean direct : new boolean[] {false, true}) {
            Graph g = new Graph("dfc").weightFormat(QuantRecipe.of(Scheme.INT8_DYNAMIC).weightFormat("unet")).directHybrid(direct);
            g.output("y", g.fullyConnected(g.input("x", n, in), g.weight("w", w, out, in), g.weight("b", b, out)));
            t.append(measure("int8-dynamic per-channel FC " + n + "×" + in + "→" + out + ": "
                    + (direct ? "FULLY_CONNECTED (needs FC v12)" : "1×1 CONV_2D, rows on batch") + "; error without the outlier row", g, want, x, out)).append('\n');
        }
    }

    private void int8DynamicPointwise(StringBuilder t) throws Exception {
        int h = 32, c = 320;
        Random r = new Random(4);
        float[] x = random(r, h * h * c, 1), w = random(r, c * c, 0.1), b = random(r, c, 0.1);
        for (int i = 0; i < c; i++) x[i] *= 50;                   // one outlier pixel
        float[] want = linear(x, h * h, c, w, b, c);
        for (boolean direct : new boolean[] {false, true}) {
            Graph g = new Graph("pw").weightFormat(QuantRecipe.of(Scheme.INT8_DYNAMIC).weightFormat("unet")).directHybrid(direct);
            g.output("y", g.conv2d(g.input("x", 1, h, h, c), g.weight("w", w, c, 1, 1, c), g.weight("b", b, c), 1, 0));
            t.append(measure("int8-dynamic 1×1 conv " + c + "→" + c + " at " + h + "×" + h + ": "
                    + (direct ? "[1,H,W,C]" : "[H·W,1,1,C] (pixels on batch)") + "; error without the outlier pixel", g, want, x, c)).append('\n');
        }
    }

    private void strideTwo(StringBuilder t) throws Exception {
        int h = 64, c = 64, k = 3;
        Random r = new Random(5);
        float[] x = random(r, h * h * c, 1), w = random(r, c * k * k * c, 0.05), b = random(r, c, 0.1);
        float[] want = conv(x, h, h, c, w, b, c, k, 2, 1);        // PyTorch: padding=1 on every side
        for (String form : new String[] {"PAD 1,1,1,1 + VALID", "SAME"}) {
            Graph g = new Graph("s2");
            T in = g.input("x", 1, h, h, c);
            T y = form.equals("SAME") ? sameConv(g, in, w, b, c, k, h / 2)
                    : g.conv2d(in, g.weight("w", w, c, k, k, c), g.weight("b", b, c), 1 + 1, 1);
            g.output("y", y);
            t.append(measure("fp32 conv 3×3 stride 2 at " + h + "×" + h + ": " + form, g, want, x)).append('\n');
        }
    }

    /** A stride-2 CONV_2D with TF's SAME padding (none before, 1 after on an even input), fp32 constants. */
    private static T sameConv(Graph g, T x, float[] w, float[] b, int c, int k, int oh) {
        T wt = g.constant("same/w", w, c, k, k, c), bt = g.constant("same/b", b, c);
        T out = new T(g.tensors.size(), new int[] {1, oh, oh, c});
        g.tensors.add(new Graph.TensorDef("same/out", out.shape(), org.tensorflow.lite.schema.TensorType.FLOAT32, 0, null));
        g.ops.add(new Graph.OpDef(org.tensorflow.lite.schema.BuiltinOperator.CONV_2D, new int[] {x.index(), wt.index(), bt.index()},
                new int[] {out.index()}, org.tensorflow.lite.schema.BuiltinOptions.Conv2DOptions,
                fb -> org.tensorflow.lite.schema.Conv2DOptions.createConv2DOptions(fb, org.tensorflow.lite.schema.Padding.SAME, 2, 2, (byte) 0, 1, 1)));
        return out;
    }

    @Test
    void demoPresets_int8Weight_legacyAgainstPerChannelDequantize() throws Exception {
        if (!Boolean.parseBoolean(System.getProperty("workarounds.presets", "true"))) return;
        StringBuilder t = new StringBuilder("\n| preset | int8-weight form | unet.tflite bytes | bundle bytes | UNet ms (median) | PSNR vs fp32 (dB) |\n|---|---|---|---|---|---|\n");
        for (String preset : new String[] {"synthetic:demo:snapfusion", "synthetic:demo:sd15"}) {
            Path fp32 = dir.resolve(preset.replace(':', '-') + "-fp32");
            BundleConverter.convert(ConvertRequest.of(preset, fp32).quantization(Quantization.FP32).imageParity(false));
            for (boolean legacy : new boolean[] {true, false}) {
                Path b = dir.resolve(preset.replace(':', '-') + (legacy ? "-legacy" : "-new"));
                withLegacy(legacy, () -> convert(preset, b));
                Path unet = b.resolve("unet.tflite");
                double ms = unetMs(unet);
                ImageParity.Result p = ImageParity.compare(fp32, b, ImageParity.Settings.REPORT, THREADS, dir.resolve("img-" + b.getFileName()));
                t.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f | %.2f |%n", preset,
                        legacy ? "int8 + DEQUANTIZE + MUL (2.6.2)" : "per-channel DEQUANTIZE", Files.size(unet), treeBytes(b), ms, p.psnrDb()));
            }
        }
        System.out.println(t);
        Files.writeString(Path.of("target", "workarounds-262-presets.md"), t);
    }

    private static void convert(String preset, Path out) {
        try {
            BundleConverter.convert(ConvertRequest.of(preset, out).quantization(Quantization.INT8_WEIGHT).imageParity(false));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void withLegacy(boolean legacy, Runnable r) {
        System.setProperty(Graph.LEGACY_FORMS_PROPERTY, Boolean.toString(legacy));
        try {
            r.run();
        } finally {
            System.clearProperty(Graph.LEGACY_FORMS_PROPERTY);
        }
    }

    private static double unetMs(Path unet) {
        try (TfliteModel m = TfliteRuntime.named("desktop").load(unet.toFile(), THREADS, Backend.XNNPACK)) {
            Object[] in = new Object[m.inputCount()];
            for (int i = 0; i < in.length; i++) in[i] = random(new Random(i), (int) Arrays.stream(m.inputShape(i)).asLongStream().reduce(1, (a, c) -> a * c), 1);
            return median(m, in);
        }
    }

    private static long treeBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private Measured measure(String form, Graph g, float[] want, float[] x) throws Exception {
        return measure(form, g, want, x, 0);
    }

    /** {@code skip}: leading outputs (an outlier row or pixel) left out of the error. */
    private Measured measure(String form, Graph g, float[] want, float[] x, int skip) throws Exception {
        Path f = dir.resolve(g.name() + System.nanoTime() + ".tflite");
        Files.write(f, g.toFlatbuffer());
        try (TfliteModel m = TfliteRuntime.named("desktop").load(f.toFile(), THREADS, Backend.XNNPACK)) {
            float[] got = m.run((Object) x)[0];
            double err = 0, max = 0;
            for (int i = skip; i < want.length; i++) {
                err = Math.max(err, Math.abs(got[i] - want[i]));
                max = Math.max(max, Math.abs(want[i]));
            }
            assertThat(got).hasSize(want.length);
            return new Measured(form, Files.size(f), median(m, new Object[] {x}), err, max, m.delegatePartitions());
        }
    }

    private static double median(TfliteModel m, Object[] in) {
        m.run(in);
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            m.run(in);
            ms[i] = m.lastInvokeMs();
        }
        Arrays.sort(ms);
        return ms[RUNS / 2];
    }

    // ---- plain-Java references ---------------------------------------------------------------

    private static float[] dequantized(float[] w, int out) {
        float[] s = Int8.scales(w, out, true);
        byte[] q = Int8.quantize(w, s).array();
        float[] d = new float[w.length];
        int per = w.length / out;
        for (int i = 0; i < w.length; i++) d[i] = q[i] * s[i / per];
        return d;
    }

    private static float[] linear(float[] x, int n, int in, float[] w, float[] b, int out) {
        float[] y = new float[n * out];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) s += (double) x[r * in + i] * w[o * in + i];
                y[r * out + o] = (float) s;
            }
        }
        return y;
    }

    /** NHWC input, OHWI weight, PyTorch padding {@code pad} on every side. */
    private static float[] conv(float[] x, int h, int wd, int c, float[] w, float[] b, int out, int k, int stride, int pad) {
        int oh = (h + 2 * pad - k) / stride + 1, ow = (wd + 2 * pad - k) / stride + 1;
        float[] y = new float[oh * ow * out];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int o = 0; o < out; o++) {
                    double s = b[o];
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * stride + ky - pad;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox * stride + kx - pad;
                            if (ix < 0 || ix >= wd) continue;
                            int xo = (iy * wd + ix) * c, wo = ((o * k + ky) * k + kx) * c;
                            for (int i = 0; i < c; i++) s += (double) x[xo + i] * w[wo + i];
                        }
                    }
                    y[(oy * ow + ox) * out + o] = (float) s;
                }
            }
        }
        return y;
    }

    private static float[] random(Random r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * scale);
        return v;
    }

    /** erf to ~1e-15 by its Taylor series below 3, its asymptotic complement above. */
    private static double erf(double x) {
        double a = Math.abs(x);
        if (a > 5.9) return Math.signum(x);
        double sum = a, term = a;
        for (int n = 1; n < 200; n++) {
            term *= 2 * a * a / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) break;
        }
        return Math.signum(x) * 2 / Math.sqrt(Math.PI) * Math.exp(-a * a) * sum;
    }
}
