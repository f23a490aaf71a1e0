package dev.snapfusion.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.T;
import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.TfliteModel;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop runtime is TFLite 2.21, really applies XNNPACK, and computes what plain Java computes. */
class DesktopRuntimeTest {
    @TempDir
    Path dir;

    private Path convModel() throws Exception {
        Random r = new Random(3);
        float[] w = new float[8 * 3 * 3 * 4];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        Graph g = new Graph("conv");
        T x = g.input("x", 1, 16, 16, 4);
        T y = g.conv2d(x, g.weight("w", w, 8, 3, 3, 4), g.weight("b", new float[8], 8), 1, 1);
        g.output("y", g.add(g.logistic(y), g.scalar(1f)));
        Path f = dir.resolve("conv.tflite");
        Files.write(f, g.toFlatbuffer());
        return f;
    }

    @Test
    void current_onDesktop_isTflite221ThroughCpp() {
        TfliteRuntime rt = TfliteRuntime.current();
        assertThat(rt.id()).isEqualTo("cpp");
        assertThat(rt.version()).startsWith("2.21");
        assertThat(rt.describe()).isEqualTo("TFLite " + rt.version() + " (C++ API, JavaCPP)");
    }

    @Test
    void load_xnnpack_executionPlanHoldsAnXnnpackPartition() throws Exception {
        Path f = convModel();
        try (TfliteModel m = TfliteRuntime.named("desktop").load(f.toFile(), 2, Backend.XNNPACK)) {
            assertThat(m.delegatePartitions()).as("XNNPACK partitions in the execution plan").isEqualTo(1);
        }
        try (TfliteModel m = TfliteRuntime.named("desktop").load(f.toFile(), 2, Backend.CPU)) {
            assertThat(m.delegatePartitions()).as("builtin kernels only").isZero();
        }
    }

    @Test
    void run_xnnpackAndBuiltin_agreeWithEachOther() throws Exception {
        Path f = convModel();
        float[] x = new float[16 * 16 * 4];
        Random r = new Random(9);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        float[] a, b;
        try (TfliteModel m = TfliteRuntime.named("desktop").load(f.toFile(), 2, Backend.XNNPACK)) {
            a = m.run((Object) x)[0];
            assertThat(m.lastInvokeMs()).isPositive();
            assertThat(m.outputShape(0)).containsExactly(1, 16, 16, 8);
        }
        try (TfliteModel m = TfliteRuntime.named("desktop").load(f.toFile(), 1, Backend.CPU)) {
            b = m.run((Object) x)[0];
        }
        assertThat(a).hasSize(16 * 16 * 8);
        for (int i = 0; i < a.length; i++) assertThat(a[i]).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-5f));
        for (float v : a) assertThat(v).isBetween(1f, 2f);
    }

    @Test
    void load_notAFlatbuffer_namesTheFile() throws Exception {
        Path f = dir.resolve("junk.tflite");
        Files.writeString(f, "this is not a model");
        assertThatThrownBy(() -> TfliteRuntime.named("desktop").load(f.toFile(), 1, Backend.XNNPACK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("junk.tflite");
    }

    @Test
    void run_wrongInputSize_isRefusedBeforeInvoke() throws Exception {
        try (TfliteModel m = TfliteRuntime.named("desktop").load(convModel().toFile(), 1, Backend.XNNPACK)) {
            assertThatThrownBy(() -> m.run((Object) new float[5])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("20 bytes").hasMessageContaining("4096");
        }
    }

    @Test
    void named_unknown_isRefused() {
        assertThatThrownBy(() -> TfliteRuntime.named("tpu")).hasMessageContaining("tpu");
    }
}
