package dev.snapfusion.runner.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCodecTest {
    static BundleManifest sample() {
        Component unet = new Component("unet", "unet.tflite", 1234, 5678,
                List.of(new TensorSpec("sample", List.of(1, 32, 32, 4), "float32"), new TensorSpec("t_emb", List.of(1, 32), "float32")),
                List.of(new TensorSpec("out", List.of(1, 32, 32, 4), "float32")));
        Component text = new Component("text_encoder", "text_encoder.tflite", 99, 100,
                List.of(new TensorSpec("input_ids", List.of(77), "int32")), List.of(new TensorSpec("last_hidden_state", List.of(77, 64), "float32")));
        List<Block> blocks = List.of(
                new Block("stem.conv_in", "stem", BlockKind.STEM, 10, 20, "unet_blocks/000.tflite", List.of("sample"), List.of("h")),
                new Block("up.3.resnet.0", "up.3", BlockKind.RESNET, 30, 40, "unet_blocks/001.tflite",
                        List.of("h", "stem.conv_in", "temb"), List.of("h")),
                new Block("up.3.cross_attention.0", "up.3", BlockKind.CROSS_ATTENTION, 50, 60, "unet_blocks/002.tflite",
                        List.of("h", "context"), List.of("h")));
        return BundleManifest.builder().formatVersion(1).id("0123456789abcdef").variant("snapfusion")
                .source("demo:snapfusion").quantization("fp16").predictionType("v_prediction")
                .scheduler(SchedulerConfig.sd15Ddim()).defaults(8, 7.5).latents(4, 32, 32, 0.18215)
                .tokenizer(77, "tokenizer/vocab.json", "tokenizer/merges.txt").timeEmbeddingDim(32)
                .components(Map.of("unet", unet, "text_encoder", text)).blocks(blocks)
                .files(List.of(new FileEntry("unet.tflite", "ab".repeat(32), 4096), new FileEntry("text_encoder.tflite", "cd".repeat(32), 17)))
                .build();
    }

    @Test
    void toJsonThenParse_everyField_roundTrips(@TempDir Path dir) throws Exception {
        BundleManifest m = sample();
        assertThat(ManifestCodec.parse(ManifestCodec.toJson(m))).isEqualTo(m);
        ManifestCodec.write(m, dir.resolve("manifest.json"));
        BundleManifest back = ManifestCodec.read(dir.resolve("manifest.json"));
        assertThat(back).isEqualTo(m);
        assertThat(back.blocks().get(1).inputs()).containsExactly("h", "stem.conv_in", "temb");
        assertThat(back.blocks().get(2).kind()).isEqualTo(BlockKind.CROSS_ATTENTION);
        assertThat(back.totalBytes()).isEqualTo(4113);
        assertThat(dir.resolve("manifest.json.tmp")).doesNotExist();
    }

    @Test
    void toJson_wireNames_followDocsBundleMd() throws Exception {
        ObjectNode n = (ObjectNode) new ObjectMapper().readTree(ManifestCodec.toJson(sample()));
        assertThat(n.get("format").asText()).isEqualTo("snapfusion-bundle");
        assertThat(n.get("format_version").asInt()).isEqualTo(1);
        assertThat(n.get("prediction_type").asText()).isEqualTo("v_prediction");
        assertThat(n.at("/scheduler/steps_offset").asInt()).isEqualTo(1);
        assertThat(n.at("/latent/scaling_factor").asDouble()).isEqualTo(0.18215);
        assertThat(n.at("/unet_blocks/2/kind").asText()).isEqualTo("cross_attention");
        assertThat(n.at("/unet_blocks/0/stage").asText()).isEqualTo("stem");
        assertThat(n.at("/components/unet/inputs/0/shape/3").asInt()).isEqualTo(4);
        assertThat(n.at("/files/0/sha256").asText()).hasSize(64);
    }

    @Test
    void parse_newerFormatVersion_refusedWithAdvice() {
        String json = ManifestCodec.toJson(sample()).replace("\"format_version\" : 1", "\"format_version\" : 2");
        assertThatThrownBy(() -> ManifestCodec.parse(json)).isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("format_version 2").hasMessageContaining("re-convert");
    }

    @Test
    void parse_missingOrMistypedField_namesIt() {
        String noSteps = ManifestCodec.toJson(sample()).replace("\"steps\" : 8,", "");
        assertThatThrownBy(() -> ManifestCodec.parse(noSteps)).hasMessageContaining("defaults").hasMessageContaining("'steps'");
        String badKind = ManifestCodec.toJson(sample()).replace("\"cross_attention\"", "\"attention\"");
        assertThatThrownBy(() -> ManifestCodec.parse(badKind)).hasMessageContaining("unknown block kind 'attention'");
        assertThatThrownBy(() -> ManifestCodec.parse("{\"format\":\"zip\"}")).hasMessageContaining("'format'");
        assertThatThrownBy(() -> ManifestCodec.parse("[1,2")).isInstanceOf(BundleFormatException.class).hasMessageContaining("not JSON");
    }
}
