package dev.snapfusion.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.runner.noise.Npy;
import dev.snapfusion.runner.pipeline.Pipeline;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo pipeline through both sides of the runtime seam: the phone implementation (the org.tensorflow.lite Java
 * API, here on TFLite 2.6.2's desktop JNI build) and the desktop one (TFLite 2.21, C++ API). Same bundle, seed and
 * prompt: the same latents within fp rounding, and each run names the runtime that produced it.
 */
class PhoneAndDesktopPipelineTest {
    @TempDir
    static Path dir;
    static Path bundle;

    @BeforeAll
    static void convert() throws Exception {
        bundle = dir.resolve("sf");
        BundleConverter.convert("demo:snapfusion", Quantization.FP32, bundle, ConvertListener.NONE);
    }

    private static String lastLog;

    private static RunTimings run(String runtime, String out, RunMode mode) throws Exception {
        RunRequest req = new RunRequest(bundle.toString(), dir.resolve(out).toString(), "a red circle on a blue background",
                "", 42, 3, 7.5, mode, 2, true, null);
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        RunTimings t = new Pipeline(new RunnerEventWriter(new PrintStream(events, true, StandardCharsets.UTF_8)),
                TfliteRuntime.named(runtime)).run(req);
        String log = events.toString(StandardCharsets.UTF_8);
        lastLog = log;
        assertThat(log).startsWith("{\"event\":\"hello\"").contains(t.runtime());
        return t;
    }

    @Test
    void run_javaApiAndDesktop_sameLatentsWithinFpRounding_eachNamesItsRuntime() throws Exception {
        RunTimings phone = run("java", "phone", RunMode.WHOLE);
        RunTimings desk = run("desktop", "desktop", RunMode.WHOLE);
        assertThat(phone.runtime()).isEqualTo("TFLite 2.6.2 (Java API)");
        assertThat(desk.runtime()).startsWith("TFLite 2.21").endsWith("(C++ API, JavaCPP)");
        float[] a = Npy.read(dir.resolve("phone/latents.npy").toFile(), new int[] {1, 4, 16, 16});
        float[] b = Npy.read(dir.resolve("desktop/latents.npy").toFile(), new int[] {1, 4, 16, 16});
        double maxAbs = 0, maxDiff = 0;
        for (int i = 0; i < a.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(a[i]));
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
        }
        assertThat(maxAbs).as("latents are not all zero").isGreaterThan(0.1);
        assertThat(maxDiff).as("largest latent difference, 2.6.2 Java API vs 2.21 C++").isLessThan(1e-3 * maxAbs);
    }

    @Test
    void run_blockwiseOnDesktop_reportsRatioOverheadAndPhasePeaks() throws Exception {
        RunTimings t = run("desktop", "blocks", RunMode.BLOCKWISE);
        assertThat(t.blocks()).isNotEmpty();
        assertThat(t.blocks()).allMatch(b -> b.ms() > 0);
        assertThat(t.blockwiseSumOverWhole()).as("sum of blocks over whole").isBetween(0.5, 2.0);
        assertThat(t.blockOverheadMs()).as("overhead line").isNotNaN();
        assertThat(lastLog).as("timing passes reported as their own phase").contains("\"name\":\"block_timing\"");
        double steps = t.unetPerStepMs().stream().mapToDouble(Double::doubleValue).sum();
        double loads = t.loadMs().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(t.totalMs()).as("total without the timing passes")
                .isLessThan(2 * (t.textEncoderMs() + steps + t.decoderMs() + loads) + 2000);
        assertThat(t.peakMemoryKbByComponent()).containsOnlyKeys("text_encoder", "unet", "vae_decoder");
        assertThat(t.peakMemoryKbByComponent().values()).allMatch(kb -> kb > 10_000);
        assertThat(t.peakMemoryKb()).isGreaterThanOrEqualTo(t.peakMemoryKbByComponent().get("unet"));
    }

    @Test
    void run_blockwiseWithoutRoomForBoth_timesBlocksThenWholeAlone() throws Exception {
        System.setProperty("snapfusion.blockwise.interleave", "never");
        try {
            RunTimings t = run("desktop", "sequential", RunMode.BLOCKWISE);
            assertThat(t.blockwiseSumOverWhole()).isBetween(0.5, 2.0);
            assertThat(lastLog).contains("sequential (blocks, then the whole UNet alone");
            assertThat(lastLog.indexOf("\"component\":\"unet\"")).as("whole UNet loaded after the blocks")
                    .isGreaterThan(lastLog.indexOf("\"component\":\"unet_blocks\""));
        } finally {
            System.clearProperty("snapfusion.blockwise.interleave");
        }
    }
}
