package dev.snapfusion.bridge.quant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.Int8;
import dev.snapfusion.bridge.tflite.T;
import dev.snapfusion.bridge.tflite.WeightEncoding;
import dev.snapfusion.runner.tflite.TfliteModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every recipe's .tflite loads in TFLite 2.6.2 and computes what fp32 (or plain Java) computes. */
class QuantizedGraphTfliteTest {
    @TempDir
    Path dir;

    private static float[] random(Random r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * scale);
        return v;
    }

    private float[] run(Graph g, Object... inputs) throws Exception {
        return runOn(g, false, inputs);
    }

    private float[] runOn(Graph g, boolean xnnpack, Object... inputs) throws Exception {
        Path f = dir.resolve(g.name() + System.nanoTime() + ".tflite");
        Files.write(f, g.toFlatbuffer());
        try (TfliteModel m = TfliteModel.load(f.toFile(), 1, xnnpack)) {
            return m.run(inputs)[0];
        }
    }

    /** 3×3 conv (pad 1), then a linear over the flattened pixels' channels, then a constant-rhs matmul. */
    private static Graph smallNet(String name, QuantRecipe recipe, long seed) {
        Random r = new Random(seed);
        Graph g = new Graph(name).weightFormat(recipe.weightFormat("unet"));
        T x = g.input("x", 1, 6, 5, 8);
        g.scope("stem.conv_in");
        T c = g.conv2d(x, g.weight("conv_in.weight", random(r, 16 * 9 * 8, 0.2), 16, 3, 3, 8),
                g.weight("conv_in.bias", random(r, 16, 0.1), 16), 1, 1);
        g.scope("mid.fc");
        T flat = g.reshape(c, 30, 16);
        T fc = g.fullyConnected(flat, g.weight("fc.weight", random(r, 12 * 16, 0.25), 12, 16), g.weight("fc.bias", random(r, 12, 0.1), 12));
        T scaled = g.mul(fc, g.weight("norm.weight", random(r, 12, 1), 12));
        T bmm = g.batchMatMul(g.reshape(scaled, 1, 30, 12), g.weight("proj.weight", random(r, 12 * 7, 0.3), 1, 12, 7), false);
        g.output("y", bmm);
        return g;
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void everyRecipe_smallNet_loadsAndMatchesFp32() throws Exception {
        float[] x = random(new Random(9), 6 * 5 * 8, 1);
        float[] ref = run(smallNet("fp32", QuantRecipe.of(Scheme.FP32), 3), x);
        assertThat(ref).hasSize(30 * 7);
        for (Scheme s : Scheme.values()) {
            Graph g = smallNet(s.cliName(), QuantRecipe.of(s), 3);
            float[] got = run(g, x);
            double cos = cosine(ref, got);
            assertThat(cos).as(s.cliName()).isGreaterThan(s == Scheme.FP16 ? 0.99999 : 0.999);
            if (s != Scheme.FP32) assertThat(got).as(s.cliName() + " must differ a little").isNotEqualTo(ref);
        }
    }

    @Test
    void int8Recipes_smallNet_storeMatmulWeightsAsInt8AndTheRestAsFp32() {
        Graph dyn = smallNet("d", QuantRecipe.of(Scheme.INT8_DYNAMIC), 3);
        dyn.toFlatbuffer();
        assertThat(dyn.paramsByEncoding()).containsEntry(WeightEncoding.INT8_HYBRID_PER_CHANNEL, 16L * 9 * 8 + 12 * 16)
                .containsEntry(WeightEncoding.FP32, 16L + 12 + 12 + 12 * 7).doesNotContainKey(WeightEncoding.INT8_HYBRID_PER_TENSOR);
        // The per-channel linear is a 1x1 CONV_2D between two RESHAPEs; the 3x3 conv stays one CONV_2D on the whole map
        // (row strips were tried and dropped: docs/quantization.md); FLOPs are the same as fp32's.
        assertThat(dyn.opsByType()).doesNotContainKeys("DEQUANTIZE", "FULLY_CONNECTED", "GATHER").containsEntry("CONV_2D", 2);
        Graph fp32 = smallNet("f", QuantRecipe.of(Scheme.FP32), 3);
        fp32.toFlatbuffer();
        assertThat(dyn.flops()).isEqualTo(fp32.flops());
        assertThat(dyn.opsByType().get("RESHAPE")).isEqualTo(fp32.opsByType().get("RESHAPE") + 2);
        Graph dynPt = smallNet("dpt", QuantRecipe.of(Scheme.INT8_DYNAMIC).granularity(OpKind.FULLY_CONNECTED, Granularity.PER_TENSOR), 3);
        dynPt.toFlatbuffer();
        assertThat(dynPt.paramsByEncoding()).containsEntry(WeightEncoding.INT8_HYBRID_PER_TENSOR, 12L * 16);
        assertThat(dynPt.opsByType()).containsEntry("FULLY_CONNECTED", 1).containsEntry("CONV_2D", 1);
        Graph w = smallNet("w", QuantRecipe.of(Scheme.INT8_WEIGHT), 3);
        w.toFlatbuffer();
        // one per-channel DEQUANTIZE per weight, no scale MULs (2.6.2's form, dropped in session 3: docs/decisions.md)
        assertThat(w.opsByType()).containsEntry("DEQUANTIZE", 3).containsEntry("MUL", 1);
        assertThat(w.weightBytes()).isEqualTo(16L * 9 * 8 + 12 * 16 + 12 * 7 + 4 * (16 + 12 + 12));
    }

    @Test
    void keepFp32Override_stemConv_leavesThatBlockFloat() throws Exception {
        Graph g = smallNet("k", QuantRecipe.of(Scheme.INT8_DYNAMIC).keepFp32("stem.conv_in"), 3);
        float[] y = run(g, random(new Random(1), 6 * 5 * 8, 1));
        assertThat(y).hasSize(210);
        // Only the linear (mid.fc) stays int8.
        assertThat(g.paramsByEncoding()).containsEntry(WeightEncoding.INT8_HYBRID_PER_CHANNEL, 12L * 16)
                .containsEntry(WeightEncoding.FP32, 16L * 9 * 8 + 16 + 12 + 12 + 12 * 7);
    }

    /** x [n, in] · wᵀ [in, out] + b in double, plain Java. */
    private static float[] linear(float[] x, int n, int in, float[] w, float[] b, int out) {
        float[] y = new float[n * out];
        for (int r = 0; r < n; r++)
            for (int o = 0; o < out; o++) {
                double acc = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) acc += (double) x[r * in + i] * w[o * in + i];
                y[r * out + o] = (float) acc;
            }
        return y;
    }

    private float[] linearGraph(QuantRecipe recipe, float[] x, int n, int in, float[] w, float[] b, int out) throws Exception {
        Graph g = new Graph("fc").weightFormat(recipe.weightFormat("unet"));
        T xt = g.input("x", n, in);
        g.output("y", g.fullyConnected(xt, g.weight("fc.weight", w, out, in), b == null ? null : g.weight("fc.bias", b, out)));
        return run(g, x);
    }

    /** Largest |got − want| over output column {@code o} (all rows), relative to that column's largest |want|. */
    private static double columnError(float[] got, float[] want, int out, int o) {
        double err = 0, max = 0;
        for (int i = o; i < want.length; i += out) {
            err = Math.max(err, Math.abs(got[i] - want[i]));
            max = Math.max(max, Math.abs(want[i]));
        }
        return err / max;
    }

    @Test
    void int8DynamicPerChannelLinear_asOneByOneConv_matchesPlainJavaPerChannelAndPerRow() throws Exception {
        Random r = new Random(6);
        int n = 9, in = 24, out = 5;
        float[] x = random(r, n * in, 1);
        for (int i = 0; i < in; i++) x[i] *= 50;        // row 0 far larger: one activation scale for all rows would crush the others
        float[] w = random(r, out * in, 0.3);
        for (int i = 0; i < in; i++) w[i] *= 20;        // channel 0 far larger: per-tensor weight scales would crush the others
        float[] b = random(r, out, 0.1);
        float[] scales = Int8.scales(w, out, true);
        byte[] q = Int8.quantize(w, scales).array();
        float[] deq = new float[w.length];
        for (int i = 0; i < w.length; i++) deq[i] = q[i] * scales[i / in];
        float[] want = linear(x, n, in, deq, b, out);

        QuantRecipe perChannel = QuantRecipe.of(Scheme.INT8_DYNAMIC);
        float[] got = linearGraph(perChannel, x, n, in, w, b, out);
        float[] noBias = linearGraph(perChannel, x, n, in, w, null, out);
        float[] wantNoBias = linear(x, n, in, deq, null, out);
        // Only the activations' own int8 rounding (per row) remains: every row and every channel within ~2%.
        for (int row = 0; row < n; row++) {
            double rowMax = 0;
            for (int o = 0; o < out; o++) rowMax = Math.max(rowMax, Math.abs(want[row * out + o]));
            for (int o = 0; o < out; o++) {
                assertThat((double) got[row * out + o]).as("row %d channel %d", row, o).isCloseTo(want[row * out + o],
                        org.assertj.core.data.Offset.offset(0.02 * rowMax + 0.02));
                assertThat((double) noBias[row * out + o]).isCloseTo(wantNoBias[row * out + o],
                        org.assertj.core.data.Offset.offset(0.02 * rowMax + 0.02));
            }
        }
        // Against per-tensor FULLY_CONNECTED, the small channels are far closer to the exact result.
        float[] exact = linear(x, n, in, w, b, out);
        float[] perTensor = linearGraph(QuantRecipe.of(Scheme.INT8_DYNAMIC).granularity(OpKind.FULLY_CONNECTED, Granularity.PER_TENSOR),
                x, n, in, w, b, out);
        double errPc = 0, errPt = 0;
        for (int o = 1; o < out; o++) {
            errPc += columnError(got, exact, out, o);
            errPt += columnError(perTensor, exact, out, o);
        }
        assertThat(errPc).isLessThan(errPt / 3);
    }

    @Test
    void int8DynamicPointwiseConv_outlierPixel_othersKeepTheirOwnActivationScale() throws Exception {
        Random r = new Random(8);
        int h = 4, wd = 5, in = 16, out = 6;
        float[] x = random(r, h * wd * in, 1);
        for (int i = 0; i < in; i++) x[i] *= 100;       // pixel (0,0) far larger than the rest
        float[] w = random(r, out * in, 0.3);
        float[] b = random(r, out, 0.1);
        float[] scales = Int8.scales(w, out, true);
        byte[] q = Int8.quantize(w, scales).array();
        float[] deq = new float[w.length];
        for (int i = 0; i < w.length; i++) deq[i] = q[i] * scales[i / in];
        float[] want = linear(x, h * wd, in, deq, b, out);   // a 1x1 conv is a linear over the pixels

        Graph g = new Graph("pw").weightFormat(QuantRecipe.of(Scheme.INT8_DYNAMIC).weightFormat("unet"));
        T xt = g.input("x", 1, h, wd, in);
        g.output("y", g.conv2d(xt, g.weight("c.weight", w, out, 1, 1, in), g.weight("c.bias", b, out), 1, 0));
        float[] got = run(g, x);
        assertThat(g.opsByType()).containsEntry("CONV_2D", 1).containsEntry("RESHAPE", 2);
        for (int p = 1; p < h * wd; p++) {
            double max = 0;
            for (int o = 0; o < out; o++) max = Math.max(max, Math.abs(want[p * out + o]));
            for (int o = 0; o < out; o++) {
                assertThat((double) got[p * out + o]).as("pixel %d channel %d", p, o)
                        .isCloseTo(want[p * out + o], org.assertj.core.data.Offset.offset(0.03 * max + 0.02));
            }
        }
    }

    @Test
    void int8DynamicConv3x3_matchesPlainJavaOnDequantizedWeights() throws Exception {
        Random r = new Random(10);
        float[] x = random(r, 7 * 6 * 5, 1);
        float[] wt = random(r, 4 * 9 * 5, 0.3);
        float[] b = random(r, 4, 0.1);
        float[] want = conv(x, 7, 6, 5, dequantizedPerChannel(wt, 4), b, 4);
        float[] got = convGraph(QuantRecipe.of(Scheme.INT8_DYNAMIC), x, wt, b);
        double max = 0;
        for (float v : want) max = Math.max(max, Math.abs(v));
        for (int i = 0; i < want.length; i++) {
            assertThat((double) got[i]).as("output %d", i).isCloseTo(want[i], org.assertj.core.data.Offset.offset(0.03 * max + 0.02));
        }
    }

    @Test
    void int8DynamicStrideTwoConv_matchesFp32() throws Exception {
        Random r = new Random(11);
        float[] x = random(r, 8 * 6 * 5, 1);
        float[] wt = random(r, 4 * 9 * 5, 0.3);
        float[] b = random(r, 4, 0.1);
        float[][] out = new float[2][];
        for (int i = 0; i < 2; i++) {
            Graph g = new Graph("s2").weightFormat((i == 0 ? QuantRecipe.of(Scheme.FP32) : QuantRecipe.of(Scheme.INT8_DYNAMIC)).weightFormat("unet"));
            T in = g.input("x", 1, 8, 6, 5);
            T y = g.conv2d(g.pad(in, 0, 1, 0, 1), g.weight("c.weight", wt, 4, 3, 3, 5), g.weight("c.bias", b, 4), 2, 0);
            assertThat(y.shape()).containsExactly(1, 4, 3, 4);
            g.output("y", y);
            out[i] = run(g, x);
        }
        assertThat(cosine(out[0], out[1])).isGreaterThan(0.999);
    }

    /** The weights as a per-channel int8 kernel sees them: quantized with {@link Int8}'s scales, then scaled back. */
    private static float[] dequantizedPerChannel(float[] wt, int channels) {
        float[] scales = Int8.scales(wt, channels, true);
        byte[] q = Int8.quantize(wt, scales).array();
        float[] deq = new float[wt.length];
        int per = wt.length / channels;
        for (int i = 0; i < wt.length; i++) deq[i] = q[i] * scales[i / per];
        return deq;
    }

    /** Plain-Java NHWC conv, stride 1, zero padding 1, with OHWI weights. */
    private static float[] conv(float[] x, int h, int w, int ci, float[] wt, float[] b, int co) {
        float[] y = new float[h * w * co];
        for (int oy = 0; oy < h; oy++)
            for (int ox = 0; ox < w; ox++)
                for (int o = 0; o < co; o++) {
                    double acc = b[o];
                    for (int ky = 0; ky < 3; ky++)
                        for (int kx = 0; kx < 3; kx++) {
                            int iy = oy + ky - 1, ix = ox + kx - 1;
                            if (iy < 0 || ix < 0 || iy >= h || ix >= w) continue;
                            for (int c = 0; c < ci; c++) acc += x[(iy * w + ix) * ci + c] * wt[((o * 3 + ky) * 3 + kx) * ci + c];
                        }
                    y[(oy * w + ox) * co + o] = (float) acc;
                }
        return y;
    }

    private float[] convGraph(QuantRecipe recipe, float[] x, float[] wt, float[] b) throws Exception {
        Graph g = new Graph("conv").weightFormat(recipe.weightFormat("unet"));
        T in = g.input("x", 1, 7, 6, 5);
        g.output("y", g.conv2d(in, g.weight("c.weight", wt, 4, 3, 3, 5), g.weight("c.bias", b, 4), 1, 1));
        return run(g, x);
    }

    @Test
    void int8WeightPerChannelLinear_oneDequantize_matchesPlainJavaWithAndWithoutXnnpack() throws Exception {
        Random r = new Random(12);
        int n = 9, in = 24, out = 5;
        float[] x = random(r, n * in, 1), w = random(r, out * in, 0.3), b = random(r, out, 0.1);
        for (int i = 0; i < in; i++) w[i] *= 20;        // channel 0 far larger: one scale would crush the others
        float[] scales = Int8.scales(w, out, true);
        byte[] q = Int8.quantize(w, scales).array();
        float[] deq = new float[w.length];
        for (int i = 0; i < w.length; i++) deq[i] = q[i] * scales[i / in];
        float[] want = linear(x, n, in, deq, b, out);
        for (boolean xnnpack : new boolean[] {false, true}) {
            Graph g = new Graph("fcw").weightFormat(QuantRecipe.of(Scheme.INT8_WEIGHT).weightFormat("unet"));
            g.output("y", g.fullyConnected(g.input("x", n, in), g.weight("fc.weight", w, out, in), g.weight("fc.bias", b, out)));
            float[] got = runOn(g, xnnpack, x);
            // per-channel scales ride on the int8 tensor itself: one DEQUANTIZE, no scale MUL (docs/quantization.md)
            assertThat(g.opsByType()).containsEntry("DEQUANTIZE", 1).containsEntry("FULLY_CONNECTED", 1).doesNotContainKey("MUL");
            for (int i = 0; i < want.length; i++) {
                assertThat(got[i]).as("xnnpack %s, output %d", xnnpack, i).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-4f * (1 + Math.abs(want[i]))));
            }
        }
    }

    @Test
    void int8DynamicConstantRhsBatchMatmul_optedIntoViaInt8Weight_matchesFp32() throws Exception {
        Random r = new Random(4);
        float[] x = random(r, 8 * 6, 1), w = random(r, 6 * 5, 1);
        float[][] out = new float[2][];
        for (int i = 0; i < 2; i++) {
            QuantRecipe recipe = i == 0 ? QuantRecipe.of(Scheme.FP32) : QuantRecipe.of(Scheme.INT8_WEIGHT);
            Graph g = new Graph("bmm").weightFormat(recipe.weightFormat("unet"));
            g.output("y", g.batchMatMul(g.input("x", 1, 8, 6), g.weight("w", w, 1, 6, 5), false));
            out[i] = run(g, x);
        }
        assertThat(cosine(out[0], out[1])).isGreaterThan(0.999);
    }

    @Test
    void int8PerChannelConv_matchesPlainJavaOnDequantizedWeights() throws Exception {
        Random r = new Random(5);
        float[] x = random(r, 7 * 6 * 5, 1);
        float[] wt = random(r, 4 * 9 * 5, 0.3);
        for (int i = 0; i < 45; i++) wt[i] *= 20;      // channel 0 far larger: per-tensor scales would crush the others
        float[] b = random(r, 4, 0.1);
        float[] want = conv(x, 7, 6, 5, dequantizedPerChannel(wt, 4), b, 4);

        float[] viaDequantize = convGraph(QuantRecipe.of(Scheme.INT8_WEIGHT), x, wt, b);
        for (int i = 0; i < want.length; i++) assertThat(viaDequantize[i]).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-4f));

        // Hybrid kernels also quantize the activations (one scale per batch), so allow that rounding.
        float[] hybrid = convGraph(QuantRecipe.of(Scheme.INT8_DYNAMIC), x, wt, b);
        float max = 0;
        for (float v : want) max = Math.max(max, Math.abs(v));
        for (int i = 0; i < want.length; i++) assertThat(hybrid[i]).isCloseTo(want[i], org.assertj.core.data.Offset.offset(0.02f * max));
        // A small channel must survive: per-tensor scales would flatten it, per-channel keeps it.
        float[] perTensor = convGraph(QuantRecipe.of(Scheme.INT8_WEIGHT).granularity(OpKind.CONV_2D, Granularity.PER_TENSOR), x, wt, b);
        float[] exact = conv(x, 7, 6, 5, wt, b, 4);
        double errPc = 0, errPt = 0;
        for (int i = 0; i < exact.length; i++) {
            if (i % 4 == 0) continue;
            errPc += Math.abs(viaDequantize[i] - exact[i]);
            errPt += Math.abs(perTensor[i] - exact[i]);
        }
        assertThat(errPc).isLessThan(errPt / 3);
    }
}
