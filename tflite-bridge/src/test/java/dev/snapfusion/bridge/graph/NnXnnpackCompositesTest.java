package dev.snapfusion.bridge.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.source.SyntheticCheckpoint;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.T;
import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.TfliteModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The XNNPACK-friendly composites (GroupNorm from AVERAGE_POOL_2D statistics, GELU via LOGISTIC) against a
 * plain-Java double-precision reference, run by TFLite with and without XNNPACK.
 */
class NnXnnpackCompositesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"6,5,64,32,XNNPACK", "6,5,64,32,CPU", "4,4,32,32,XNNPACK", "3,7,96,8,XNNPACK"})
    void groupNorm_offsetInput_matchesTwoPassReference(int h, int w, int c, int groups, String backend) throws Exception {
        SyntheticCheckpoint ckpt = new SyntheticCheckpoint(11);
        Graph g = new Graph("gn");
        Nn nn = new Nn(g, ckpt);
        g.output("y", nn.groupNorm("norm", g.input("x", 1, h, w, c), groups, 1e-5));
        Random rnd = new Random(h * 31 + c);
        float[] x = new float[h * w * c];
        // A large common offset per channel checks that the variance is taken around the mean (two-pass).
        for (int i = 0; i < x.length; i++) x[i] = (float) (3.0 + (i % c) * 0.01 + 0.5 * rnd.nextGaussian());
        float[] got = run(g, Backend.valueOf(backend), x);

        float[] gamma = ckpt.tensor("norm.weight", c), beta = ckpt.tensor("norm.bias", c);
        int cg = c / groups, hw = h * w;
        for (int gr = 0; gr < groups; gr++) {
            double sum = 0;
            for (int p = 0; p < hw; p++) for (int k = 0; k < cg; k++) sum += x[p * c + gr * cg + k];
            double mean = sum / (hw * cg), ss = 0;
            for (int p = 0; p < hw; p++) for (int k = 0; k < cg; k++) ss += Math.pow(x[p * c + gr * cg + k] - mean, 2);
            double inv = 1 / Math.sqrt(ss / (hw * cg) + 1e-5);
            for (int p = 0; p < hw; p++) {
                for (int k = 0; k < cg; k++) {
                    int ch = gr * cg + k, i = p * c + ch;
                    double want = (x[i] - mean) * inv * gamma[ch] + beta[ch];
                    assertThat((double) got[i]).as("group %d, pixel %d, channel %d", gr, p, ch)
                            .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(want))));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"XNNPACK", "CPU"})
    void gelu_sigmoidForm_matchesTanhForm(String backend) throws Exception {
        Graph g = new Graph("gelu");
        Nn nn = new Nn(g, new SyntheticCheckpoint(1));
        int n = 2001;
        g.output("y", nn.gelu(g.input("x", 1, n)));
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = -10f + 20f * i / (n - 1);
        float[] got = run(g, Backend.valueOf(backend), x);
        for (int i = 0; i < n; i++) {
            double v = x[i];
            double want = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            assertThat((double) got[i]).as("gelu(%s)", v).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(want))));
        }
    }

    private float[] run(Graph g, Backend backend, float[] x) throws Exception {
        File f = tmp.resolve(g.name() + "-" + backend + ".tflite").toFile();
        Files.write(f.toPath(), g.toFlatbuffer());
        try (TfliteModel m = TfliteModel.load(f, 1, backend)) {
            return m.run((Object) x)[0];
        }
    }
}
