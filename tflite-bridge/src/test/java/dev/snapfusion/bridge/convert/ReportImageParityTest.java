package dev.snapfusion.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.bridge.reference.Agreement;
import dev.snapfusion.runner.pipeline.Pipeline;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversion report's image parity: the figure in conversion-report.json must be the PSNR this test gets by running
 * the fp32 bundle and the quantized bundle itself (the test's own pipeline calls and PSNR, not {@link ImageParity}), the
 * goal must follow the weights' precision, and the manifest must hash the report as finally written.
 */
class ReportImageParityTest {
    private static final ImageParity.Settings S = ImageParity.Settings.REPORT;

    @TempDir
    Path dir;

    @Test
    void convert_fp16_reportCarriesPsnrAgainstFp32ThatAnIndependentRunReproduces() throws Exception {
        // Synthetic fp32 weights: the shipped toy weights are fp16 already, so their fp16 bundle draws the fp32 image exactly.
        ConvertedBundle fp16 = BundleConverter.convert("synthetic:demo:snapfusion", Quantization.FP16, dir.resolve("h"), ConvertListener.NONE);
        ConvertedBundle fp32 = BundleConverter.convert("synthetic:demo:snapfusion", Quantization.FP32, dir.resolve("f"), ConvertListener.NONE);

        ConversionReport.ImageCheck check = fp16.report().imageParity();
        assertThat(check).isNotNull();
        assertThat(check.skipped()).isNull();
        assertThat(check.goalDb()).isEqualTo(ImageParity.FP16_GOAL_DB);
        assertThat(check.steps()).isEqualTo(S.steps());
        assertThat(check.identical()).isFalse();

        double own = Agreement.psnr8(pixels(fp32.dir(), dir.resolve("run-f")), pixels(fp16.dir(), dir.resolve("run-h")));
        assertThat(check.psnrDb()).isCloseTo(own, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(check.meetsGoal()).isEqualTo(own >= 40).isTrue();
        assertThat(fp32.report().imageParity()).as("fp32 is the reference, it has no image parity").isNull();

        // What is on disk is what was returned, and the manifest's hash is of that final file.
        JsonNode onDisk = new ObjectMapper().readTree(fp16.dir().resolve(ConversionReport.FILE_NAME).toFile()).get("image_parity");
        assertThat(onDisk.get("psnr_db").asDouble()).isEqualTo(check.psnrDb());
        assertThat(onDisk.get("reference").asText()).isEqualTo("fp32");
        assertThat(fp16.manifest().file(ConversionReport.FILE_NAME).orElseThrow().sha256())
                .isEqualTo(BundleConverter.sha256(fp16.dir().resolve(ConversionReport.FILE_NAME)));
    }

    @Test
    void imageGoalDb_followsTheLowestPrecisionStored() {
        ConversionReport mixed = new ConversionReport("int8-dynamic", List.of(
                entry("unet", 10, Map.of("fp32", 1L, "int8_hybrid_per_channel", 9L)), entry("vae_decoder", 5, Map.of("fp16_dequant", 5L))),
                null, null);
        ConversionReport half = new ConversionReport("fp16", List.of(entry("unet", 10, Map.of("fp32", 1L, "fp16_dequant", 9L))), null, null);
        ConversionReport full = new ConversionReport("fp32", List.of(entry("unet", 10, Map.of("fp32", 10L))), null, null);
        assertThat(mixed.imageGoalDb()).isEqualTo(ImageParity.INT8_GOAL_DB);
        assertThat(half.imageGoalDb()).isEqualTo(ImageParity.FP16_GOAL_DB);
        assertThat(full.imageGoalDb()).isNull();
    }

    @Test
    void summary_missedGoal_saysNotMet() {
        ConversionReport.ImageCheck c = ConversionReport.ImageCheck.measured(
                new ImageParity.Result(25.5, 90, 8, 8, dir.resolve("a.png"), dir.resolve("b.png")), 28, S);
        assertThat(c.meetsGoal()).isFalse();
        assertThat(c.summary()).isEqualTo("image vs fp32: PSNR 25.50 dB (goal ≥ 28 dB: NOT met; 4 ddim steps, seed 42, CFG 7.5)");
    }

    @Test
    void imageParity_fullSizeComponent_isSkippedWithTheCommandToRun() throws Exception {
        ConversionReport report = new ConversionReport("fp16", List.of(
                entry("text_encoder", 123_060_480L), entry("unet", 859_520_964L), entry("vae_decoder", 49_490_199L)), null, null);
        ConversionReport.ImageCheck check = BundleConverter.imageParitySkip(report, true);
        assertThat(check.skipped()).contains("859.5 M parameters", "studio parity --reference");
        assertThat(check.psnrDb()).isNull();
        assertThat(check.summary()).startsWith("image vs fp32: skipped (");
    }

    private static ConversionReport.Entry entry(String name, long params) {
        return entry(name, params, Map.of("fp16_dequant", params));
    }

    private static ConversionReport.Entry entry(String name, long params, Map<String, Long> storage) {
        return new ConversionReport.Entry(name, name + ".tflite", params * 2, params, 1, storage, Map.of(), null, null);
    }

    private static int[] pixels(Path bundle, Path out) throws Exception {
        new Pipeline(new RunnerEventWriter(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)))
                .run(new RunRequest(bundle.toString(), out.toString(), S.prompt(), S.negativePrompt(), S.seed(), S.steps(),
                        S.cfg(), RunMode.WHOLE, 2, true, null, S.scheduler(), null));
        BufferedImage img = ImageIO.read(out.resolve("image.png").toFile());
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
