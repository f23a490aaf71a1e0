package dev.snapfusion.bridge.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.runner.tflite.TfliteModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matmul forms the attention profiling uses (BATCH_MATMUL with adj_x / adj_y, DEPTHWISE_CONV_2D with an activation
 * as filter) compute on TFLite 2.6.2, with and without XNNPACK, what plain Java computes.
 */
class GraphMatmulFormsTfliteTest {
    @TempDir
    Path dir;

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    private float[] run(Graph g, boolean xnnpack, Object... inputs) throws Exception {
        Path f = dir.resolve(g.name + xnnpack + ".tflite");
        Files.write(f, g.toFlatbuffer());
        try (TfliteModel m = TfliteModel.load(f.toFile(), 2, xnnpack)) {
            return m.run(inputs)[0];
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void batchMatMul_everyAdjointCombination_matchesPlainJava(boolean xnnpack) throws Exception {
        Random r = new Random(2);
        int batch = 2, m = 3, k = 5, n = 4;
        for (int combo = 0; combo < 4; combo++) {
            boolean adjX = (combo & 1) != 0, adjY = (combo & 2) != 0;
            float[] a = random(r, batch * m * k), b = random(r, batch * k * n);
            Graph g = new Graph("bmm" + combo);
            T ta = adjX ? g.input("a", batch, k, m) : g.input("a", batch, m, k);
            T tb = adjY ? g.input("b", batch, n, k) : g.input("b", batch, k, n);
            T y = g.batchMatMul(ta, tb, adjX, adjY);
            assertThat(y.shape()).containsExactly(batch, m, n);
            g.output("y", y);
            float[] got = run(g, xnnpack, a, b);
            for (int p = 0; p < batch; p++)
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++) {
                        double acc = 0;
                        for (int t = 0; t < k; t++) {
                            float av = adjX ? a[(p * k + t) * m + i] : a[(p * m + i) * k + t];
                            float bv = adjY ? b[(p * n + j) * k + t] : b[(p * k + t) * n + j];
                            acc += av * bv;
                        }
                        assertThat(got[(p * m + i) * n + j]).as("adjX %s adjY %s", adjX, adjY).isCloseTo((float) acc, Offset.offset(1e-4f));
                    }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void depthwiseConv2d_activationFilterWithMultiplier_matchesPlainJava(boolean xnnpack) throws Exception {
        Random r = new Random(3);
        int h = 4, w = 7, c = 2, mult = 3, kh = 2, kw = 3, sh = 1, sw = 2;
        float[] x = random(r, h * w * c), f = random(r, kh * kw * c * mult), b = random(r, c * mult);
        Graph g = new Graph("dw");
        T tx = g.input("x", 1, h, w, c), tf = g.input("f", 1, kh, kw, c * mult);
        g.output("y", g.depthwiseConv2d(tx, tf, g.constant("b", b, c * mult), sh, sw, mult));
        float[] got = run(g, xnnpack, x, f);
        int oh = (h - kh) / sh + 1, ow = (w - kw) / sw + 1;
        assertThat(got).hasSize(oh * ow * c * mult);
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
                for (int ic = 0; ic < c; ic++)
                    for (int m = 0; m < mult; m++) {
                        int oc = ic * mult + m;
                        double acc = b[oc];
                        for (int ky = 0; ky < kh; ky++)
                            for (int kx = 0; kx < kw; kx++)
                                acc += x[((oy * sh + ky) * w + ox * sw + kx) * c + ic] * f[(ky * kw + kx) * c * mult + oc];
                        assertThat(got[(oy * ow + ox) * c * mult + oc]).isCloseTo((float) acc, Offset.offset(1e-4f));
                    }
    }
}
