package dev.snapfusion.bridge.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.runner.tflite.TfliteModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by {@link Graph} load in TFLite 2.6.2 and compute what plain Java computes. */
class GraphTfliteParityTest {
    @TempDir
    Path dir;

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    private float[] run(Graph g, Object... inputs) throws Exception {
        Path f = dir.resolve(g.name + ".tflite");
        Files.write(f, g.toFlatbuffer());
        try (TfliteModel m = TfliteModel.load(f.toFile(), 1, false)) {
            return m.run(inputs)[0];
        }
    }

    @Test
    void conv2d_strideTwoExplicitPad_matchesPlainJavaPyTorchSemantics() throws Exception {
        Random r = new Random(1);
        int h = 7, w = 6, ci = 3, co = 4;
        float[] x = random(r, h * w * ci);          // NHWC
        float[] wt = random(r, co * 3 * 3 * ci);    // OHWI
        float[] b = random(r, co);
        Graph g = new Graph("conv");
        T in = g.input("x", 1, h, w, ci);
        g.output("y", g.conv2d(in, g.weight("w", wt, co, 3, 3, ci), g.weight("b", b, co), 2, 1));
        float[] got = run(g, x);

        int oh = (h + 2 - 3) / 2 + 1, ow = (w + 2 - 3) / 2 + 1;
        assertThat(got).hasSize(oh * ow * co);
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
                for (int o = 0; o < co; o++) {
                    double acc = b[o];
                    for (int ky = 0; ky < 3; ky++)
                        for (int kx = 0; kx < 3; kx++) {
                            int iy = oy * 2 + ky - 1, ix = ox * 2 + kx - 1;
                            if (iy < 0 || ix < 0 || iy >= h || ix >= w) continue;
                            for (int c = 0; c < ci; c++) acc += x[(iy * w + ix) * ci + c] * wt[((o * 3 + ky) * 3 + kx) * ci + c];
                        }
                    assertThat(got[(oy * ow + ox) * co + o]).isCloseTo((float) acc, org.assertj.core.data.Offset.offset(1e-4f));
                }
    }

    @Test
    void attentionOps_fcBatchMatMulSoftmax_matchPlainJava() throws Exception {
        Random r = new Random(2);
        int n = 5, d = 4;
        float[] x = random(r, n * d), wq = random(r, d * d);
        Graph g = new Graph("attn");
        T in = g.input("x", n, d);
        T q = g.fullyConnected(in, g.weight("wq", wq, d, d), null);
        T q3 = g.reshape(q, 1, n, d);
        T s = g.softmax(g.batchMatMul(q3, q3, true));
        g.output("y", g.batchMatMul(s, q3, false));
        float[] got = run(g, x);

        double[][] qq = new double[n][d];
        for (int i = 0; i < n; i++)
            for (int o = 0; o < d; o++)
                for (int k = 0; k < d; k++) qq[i][o] += x[i * d + k] * wq[o * d + k];
        for (int i = 0; i < n; i++) {
            double[] p = new double[n];
            double max = -1e30, sum = 0;
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < d; k++) p[j] += qq[i][k] * qq[j][k];
                max = Math.max(max, p[j]);
            }
            for (int j = 0; j < n; j++) sum += p[j] = Math.exp(p[j] - max);
            for (int k = 0; k < d; k++) {
                double acc = 0;
                for (int j = 0; j < n; j++) acc += p[j] / sum * qq[j][k];
                assertThat((double) got[i * d + k]).isCloseTo(acc, org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    @Test
    void fp16Weights_dequantizeBeforeUse_matchRoundedWeights() throws Exception {
        float[] w = {0.1f, -2.5f, 3.14159f, 1e-3f};
        Graph g = new Graph("fp16").weightFormat(WeightFormat.FP16);
        T in = g.input("x", 1, 4);
        g.output("y", g.mul(in, g.weight("w", w, 4)));
        float[] got = run(g, new float[] {1, 1, 1, 1});
        for (int i = 0; i < 4; i++) assertThat(got[i]).isEqualTo(Half.toFloat(Half.fromFloat(w[i])));
        assertThat(g.weightBytes()).isEqualTo(8);
    }

    @Test
    void concatResizeGatherMean_matchPlainJava() throws Exception {
        Graph g = new Graph("misc");
        T ids = g.inputInt32("ids", 3);
        T table = g.constant("table", new float[] {0, 1, 10, 11, 20, 21}, 3, 2);
        T rows = g.gather(table, ids);                           // [3,2]
        T img = g.reshape(g.concat(1, rows, rows), 1, 3, 1, 4); // [1,3,1,4]
        T up = g.resizeNearest(img, 6, 2);
        g.output("y", g.mean(up, 1, 2));
        float[] got = run(g, new int[] {2, 0, 1});
        // rows = [[20,21],[0,1],[10,11]]; concat → per row [a,b,a,b]; mean over H,W of each channel
        assertThat(got).containsExactly(10f, 11f, 10f, 11f);
    }

    @Test
    void broadcast_fiveDimensional_isRefused() {
        assertThatThrownBy(() -> Graph.broadcast(new int[] {1, 2, 3, 4, 5}, new int[] {5}))
                .hasMessageContaining("5-D");
    }
}
