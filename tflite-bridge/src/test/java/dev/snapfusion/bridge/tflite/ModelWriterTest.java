package dev.snapfusion.bridge.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.runner.tflite.TfliteModel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-laid-out flatbuffer: same bytes streamed or in memory, loadable by TFLite 2.6.2, large files included. */
class ModelWriterTest {
    @TempDir
    Path dir;

    private static Graph fc(String name, WeightFormat f, int out, int in, long seed) {
        Random r = new Random(seed);
        float[] w = new float[out * in];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        Graph g = new Graph(name).weightFormat(f);
        T x = g.input("x", 1, in);
        g.output("y", g.fullyConnected(x, g.weight("w", w, out, in), null));
        return g;
    }

    @Test
    void finishTo_smallGraph_writesExactlyTheInMemoryBytes() throws Exception {
        byte[] mem = fc("m", WeightFormat.FP16, 6, 5, 1).toFlatbuffer();
        Path f = dir.resolve("s.tflite");
        long size;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            size = fc("m", WeightFormat.FP16.streamingTo(ch), 6, 5, 1).finishTo();
        }
        assertThat(size).isEqualTo(mem.length);
        assertThat(Files.readAllBytes(f)).isEqualTo(mem);
        assertThat(new String(mem, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("TFL3");
    }

    @Test
    void finishTo_weightsOver64MiB_keepTheReservedHeaderAndLoad() throws Exception {
        int out = 4096, in = 4500;   // 73.7 MB of fp32: past the compaction threshold
        Path f = dir.resolve("big.tflite");
        long size;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            size = fc("big", WeightFormat.FP32.streamingTo(ch), out, in, 2).finishTo();
        }
        assertThat(Files.size(f)).isEqualTo(size).isGreaterThan(4L * out * in + (1 << 18));
        Random r = new Random(2);
        float[] w = new float[out * in];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        float[] x = new float[in];
        x[17] = 1;
        x[4000] = -2;
        try (TfliteModel m = TfliteModel.load(f.toFile(), 1, false)) {
            float[] y = m.run((Object) x)[0];
            for (int o : new int[] {0, 1, 2047, 4095}) {
                assertThat(y[o]).isCloseTo(w[o * in + 17] - 2 * w[o * in + 4000], org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void toFlatbuffer_onStreamingGraph_isRefused() throws Exception {
        try (FileChannel ch = FileChannel.open(dir.resolve("x"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Graph g = fc("x", WeightFormat.FP32.streamingTo(ch), 2, 2, 3);
            assertThatThrownBy(g::toFlatbuffer).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finishTo");
        }
    }

    @Test
    void weightFormat_afterFirstConstant_isRefused() {
        Graph g = new Graph("late");
        g.scalar(1f);
        assertThatThrownBy(() -> g.weightFormat(WeightFormat.FP16)).isInstanceOf(IllegalStateException.class);
    }
}
