package dev.snapfusion.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.quant.Scheme;
import dev.snapfusion.bridge.tflite.ModelTooLargeException;
import dev.snapfusion.runner.tflite.TfliteModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full-size SD-v1.5 UNet (860 M parameters). Benchmarks: they print figures; they assert only what does
 * not depend on machine load (memory, sizes, loadability). Run with {@code -Dtest.excludedGroups= -Dgroups=large}.
 */
@Tag("large")
class FullSizeUnetLargeTest {
    @TempDir
    Path dir;

    @Test
    void benchConvert_fp16_peaksUnderOneAndAHalfGigabytes() throws Exception {
        ConvertBenchmark.Figures f = ConvertBenchmark.run(dir, "fp16", UnetConversion.SD15_CHANNELS, 64, "768m");
        System.out.printf(Locale.ROOT, "bench convert fp16: convert %.2f s, cp %.2f s, ratio %.2f, peak RSS %.0f MB, %d params, %.2f GB%n",
                f.convertS(), f.cpS(), f.ratio(), f.peakRssMb(), f.params(), f.outputBytes() / 1e9);
        assertThat(f.params()).isBetween(855_000_000L, 865_000_000L);
        assertThat(f.peakRssMb()).isLessThan(1536);
        assertThat(f.outputBytes()).isBetween(2 * f.params(), 2 * f.params() + (16 << 20));
    }

    @Test
    void fullUnetFp16_loadsAndRunsInTflite262() throws Exception {
        Path out = dir.resolve("unet-fp16.tflite");
        UnetConversion.Result r = UnetConversion.run(UnetConversion.sd15(UnetConversion.SD15_CHANNELS), 64,
                QuantRecipe.of(Scheme.FP16), out);
        long t0 = System.nanoTime();
        try (TfliteModel m = TfliteModel.load(out.toFile(), 2, true)) {
            double loadS = (System.nanoTime() - t0) / 1e9;
            float[] sample = new float[64 * 64 * 4];
            for (int i = 0; i < sample.length; i++) sample[i] = (float) Math.sin(i);
            float[] temb = new float[320];
            float[] ctx = new float[77 * 768];
            long t1 = System.nanoTime();
            float[] y = m.run(sample, temb, ctx)[0];
            System.out.printf(Locale.ROOT, "full UNet fp16: %.2f GB written in %.1f s, loaded in %.1f s, one step %.1f s%n",
                    r.bytes() / 1e9, r.seconds(), loadS, (System.nanoTime() - t1) / 1e9);
            assertThat(y).hasSize(64 * 64 * 4);
            for (float v : y) assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void fullUnetFp32_overTwoGigabytes_isRefusedAndLeavesNoFile() {
        Path out = dir.resolve("unet-fp32.tflite");
        assertThatThrownBy(() -> UnetConversion.run(UnetConversion.sd15(UnetConversion.SD15_CHANNELS), 64,
                QuantRecipe.of(Scheme.FP32), out)).isInstanceOf(ModelTooLargeException.class).hasMessageContaining("2 GB");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("unet-fp32.tflite.partial")).doesNotExist();
        assertThat(Files.exists(dir)).isTrue();
    }
}
