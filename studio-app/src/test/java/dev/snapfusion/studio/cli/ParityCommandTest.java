package dev.snapfusion.studio.cli;

import static dev.snapfusion.studio.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.ConvertRequest;
import dev.snapfusion.bridge.convert.Quantization;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio parity}: two real demo bundles run on the desktop; the PSNR, the budget and the exit codes. */
class ParityCommandTest {
    @TempDir
    static Path dir;
    static Path fp32, fp16;

    @BeforeAll
    static void bundles() throws Exception {
        fp32 = BundleConverter.convert("synthetic:demo:snapfusion", Quantization.FP32, dir.resolve("f"), ConvertListener.NONE).dir();
        fp16 = BundleConverter.convert(ConvertRequest.of("synthetic:demo:snapfusion", dir.resolve("h")).quantization(Quantization.FP16)
                .imageParity(false)).dir();
    }

    @Test
    void parity_fp16AgainstFp32_json_psnrOverTheFp16BudgetAndBothImagesWritten() throws Exception {
        Path out = dir.resolve("p1");
        CliRun r = run("--workspace", dir.resolve("ws").toString(), "parity", "--reference", fp32.toString(), "--bundle",
                fp16.toString(), "--steps", "3", "--out", out.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out().trim());
        assertThat(j.get("psnr_db").asDouble()).isGreaterThan(40).isLessThan(100);
        assertThat(j.get("identical").asBoolean()).isFalse();
        assertThat(j.get("max_pixel_diff").asInt()).isBetween(1, 255);
        assertThat(j.get("min_psnr_db").asDouble()).isEqualTo(40);
        assertThat(j.get("meets").asBoolean()).isTrue();
        assertThat(out.resolve("reference").resolve("image.png")).isRegularFile();
        assertThat(out.resolve("candidate").resolve("image.png")).isRegularFile();
    }

    @Test
    void parity_bundleAgainstItself_isIdenticalAndPrintsSo() {
        CliRun r = run("--workspace", dir.resolve("ws").toString(), "parity", "--reference", fp16.toString(), "--bundle",
                fp16.toString(), "--steps", "1", "--out", dir.resolve("p2").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("(fp16) against", ": identical, largest channel difference 0 of 255", "budget ≥ 40.0 dB: met");
    }

    @Test
    void parity_budgetAboveThePsnr_exitsOneAndSaysNotMet() {
        CliRun r = run("--workspace", dir.resolve("ws").toString(), "parity", "--reference", fp32.toString(), "--bundle",
                fp16.toString(), "--steps", "1", "--min-psnr", "150", "--out", dir.resolve("p3").toString());
        assertThat(r.code()).isEqualTo(ParityCommand.EXIT_BELOW_BUDGET);
        assertThat(r.out()).contains("budget ≥ 150.0 dB: NOT met").containsPattern("PSNR \\d+\\.\\d\\d dB");
    }

    @Test
    void parity_referenceIsNotABundle_userErrorNamingTheFolder() {
        Path notABundle = dir.resolve("nothing-here");
        CliRun r = run("--workspace", dir.resolve("ws").toString(), "parity", "--reference", notABundle.toString(), "--bundle",
                fp16.toString());
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains(notABundle.toString(), "is not a bundle");
    }
}
