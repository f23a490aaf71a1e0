package dev.snapfusion.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.source.CheckpointException;
import dev.snapfusion.bridge.source.NonFiniteTensor;
import dev.snapfusion.bridge.source.SafetensorsDtype;
import dev.snapfusion.bridge.source.TinyCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NaN and Inf in a checkpoint's weights stop the conversion naming the tensors, unless allowed; then the report lists them. */
class NonFiniteWeightsTest {
    @TempDir
    Path dir;

    /** A tiny diffusers folder with a NaN in the UNet's conv_in and an Inf in the VAE decoder's conv_in. */
    private Path poisoned() throws Exception {
        Path src = dir.resolve("sd15");
        TinyCheckpoints.diffusers(Presets.builtIn("demo:sd15"), src, TinyCheckpoints.Options.F32);
        TinyCheckpoints.setValue(src.resolve("unet/diffusion_pytorch_model.safetensors"), "conv_in.weight", 5, Float.NaN);
        TinyCheckpoints.setValue(src.resolve("vae/diffusion_pytorch_model.safetensors"), "decoder.conv_in.weight", 0,
                Float.POSITIVE_INFINITY);
        return src;
    }

    @Test
    void convert_nanAndInfInDiffusersFolder_failsNamingBothTensorsAndPublishesNothing() throws Exception {
        Path src = poisoned();
        assertThatThrownBy(() -> BundleConverter.convert(src.toString(), Quantization.FP32, dir.resolve("out"), ConvertListener.NONE))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(src.toString())
                .hasMessageContaining("2 tensors")
                .hasMessageContaining("unet: conv_in.weight (1 NaN, first at index 5)")
                .hasMessageContaining("vae: decoder.conv_in.weight (1 Inf, first at index 0)")
                .hasMessageContaining("--allow-nonfinite");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("sd15");   // no bundle, no staging folder
        }
    }

    @Test
    void convert_allowNonFinite_convertsWarnsAndListsThemInTheReport() throws Exception {
        Path src = poisoned();
        List<String> warnings = new ArrayList<>();
        ConvertListener listener = new ConvertListener() {
            @Override
            public void progress(int done, int total, String what) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
        ConvertedBundle b = BundleConverter.convert(ConvertRequest.of(src.toString(), dir.resolve("out")).listener(listener)
                .options(ConvertOptions.DEFAULT.allowingNonFinite()));
        assertThat(b.dir().resolve("manifest.json")).isRegularFile();
        List<NonFiniteTensor> expected = List.of(new NonFiniteTensor("unet", "conv_in.weight", 1, 0, 5),
                new NonFiniteTensor("vae", "decoder.conv_in.weight", 0, 1, 0));
        assertThat(b.report().nonfiniteTensors()).isEqualTo(expected);
        assertThat(warnings).singleElement().asString().contains("2 tensors hold NaN or Inf", "conv_in.weight", "decoder.conv_in.weight");
        Path report = b.dir().resolve(ConversionReport.FILE_NAME);
        JsonNode j = new ObjectMapper().readTree(report.toFile()).get("nonfinite_tensors");
        assertThat(j.get(0).get("tensor").asText()).isEqualTo("conv_in.weight");
        assertThat(j.get(0).get("first_index").asLong()).isEqualTo(5);
        assertThat(j.get(1).get("inf").asLong()).isEqualTo(1);
        assertThat(ConversionReport.read(report).nonfiniteTensors()).isEqualTo(expected);
    }

    @Test
    void convert_healthyCheckpoint_reportHasNoNonFiniteKey() throws Exception {
        Path src = dir.resolve("ok");
        TinyCheckpoints.diffusers(Presets.builtIn("demo:sd15"), src, TinyCheckpoints.Options.F32);
        ConvertedBundle b = BundleConverter.convert(src.toString(), Quantization.FP32, dir.resolve("out"), ConvertListener.NONE);
        assertThat(b.report().nonfiniteTensors()).isNull();
        assertThat(Files.readString(b.dir().resolve(ConversionReport.FILE_NAME))).doesNotContain("nonfinite");
    }

    @Test
    void convert_ldmF16FileWithNegativeInf_namesTheTensorAsStoredInTheFile() throws Exception {
        Path file = dir.resolve("sd15.safetensors");
        TinyCheckpoints.ldm(Presets.builtIn("demo:sd15"), file, SafetensorsDtype.F16);
        try (var in = Presets.class.getResourceAsStream("/dev/snapfusion/assets/presets/demo-sd15.json")) {
            Files.write(dir.resolve("sd15.preset.json"), in.readAllBytes());   // an LDM file carries no config
        }
        String stored = "cond_stage_model.transformer.text_model.embeddings.token_embedding.weight";
        TinyCheckpoints.setValue(file, stored, 3, Float.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> BundleConverter.convert(file.toString(), Quantization.FP32, dir.resolve("out"), ConvertListener.NONE))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("1 tensor: text_encoder: " + stored + " (1 Inf, first at index 3)");
    }
}
