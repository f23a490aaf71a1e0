package dev.snapfusion.studio.cli;

import static dev.snapfusion.studio.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.convert.ConversionReport;
import dev.snapfusion.bridge.source.TinyCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio convert} on a tiny diffusers folder whose UNet holds a NaN: exit codes, messages, the report. */
class ConvertCommandTest {
    private static final String TENSOR = "conv_in.weight";

    @TempDir
    static Path dir;
    static Path source;

    @BeforeAll
    static void poisonedCheckpoint() throws Exception {
        source = dir.resolve("sd15");
        TinyCheckpoints.diffusers(Presets.builtIn("demo:sd15"), source, TinyCheckpoints.Options.F32);
        TinyCheckpoints.setValue(source.resolve("unet/diffusion_pytorch_model.safetensors"), TENSOR, 2, Float.NaN);
    }

    @Test
    void convert_nanInWeights_exitsTwoNamingTheTensorWithoutStackTrace() {
        Path out = dir.resolve("refused");
        CliRun r = run("--workspace", dir.resolve("ws").toString(), "convert", "--source", source.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains("error: ", "unet: " + TENSOR + " (1 NaN, first at index 2)", "--allow-nonfinite")
                .doesNotContain("\tat ", "Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    void convert_allowNonFinite_exitsZeroWarnsAndTheReportListsTheTensor() throws Exception {
        Path out = dir.resolve("allowed");
        CliRun r = run("--workspace", dir.resolve("ws").toString(), "convert", "--source", source.toString(), "--out", out.toString(),
                "--allow-nonfinite");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: ", "1 tensor holds NaN or Inf", TENSOR);
        assertThat(r.out()).contains("nonfinite weights converted (--allow-nonfinite): unet: " + TENSOR);
        assertThat(Files.readString(out.resolve(ConversionReport.FILE_NAME))).contains("\"nonfinite_tensors\"", "\"tensor\" : \"" + TENSOR + "\"");
    }

    @Test
    void convert_overrideNamingAnUnknownBlock_exitsTwoNamingTheTextBeforeConverting() {
        Path out = dir.resolve("unknown-block");
        CliRun r = run("--workspace", dir.resolve("ws").toString(), "convert", "--source", "demo:snapfusion", "--quant", "int8-weight",
                "--out", out.toString(), "--override", "vae_decoder=fp16", "--override", "up.1.resnet.7=fp32");
        assertThat(r.code()).as(r.err()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains("Override “up.1.resnet.7=fp32”: demo:snapfusion has no UNet block or stage “up.1.resnet.7”")
                .doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    @Test
    void convert_badPrecisionOrGranularity_exitsTwoNamingTheText() {
        CliRun precision = run("--workspace", dir.resolve("ws").toString(), "convert", "--source", "demo:snapfusion", "--out",
                dir.resolve("bad1").toString(), "--override", "vae_decoder=fp8");
        assertThat(precision.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(precision.err()).contains("Override “vae_decoder=fp8”: unknown precision 'fp8'");
        CliRun granularity = run("--workspace", dir.resolve("ws").toString(), "convert", "--source", "demo:snapfusion", "--out",
                dir.resolve("bad2").toString(), "--granularity", "conv_2d=per-row");
        assertThat(granularity.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(granularity.err()).contains("Granularity “conv_2d=per-row”: unknown granularity 'per-row'");
    }
}
