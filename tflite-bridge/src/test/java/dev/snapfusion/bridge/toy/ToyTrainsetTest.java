package dev.snapfusion.bridge.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.source.PipelineSource;
import dev.snapfusion.runner.text.ClipTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training set tools/toy-train reads: the studio's own generator, tokenizer and architectures, byte for byte. */
class ToyTrainsetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void write_holdsTheGeneratorsImagesCaptionsAndTokens(@TempDir Path dir) throws IOException {
        List<Integer> progress = new ArrayList<>();
        ToyTrainset.write(dir, 7, 32, progress::add);
        assertThat(progress).endsWith(7);

        byte[] images = Files.readAllBytes(dir.resolve("train-images.u8"));
        assertThat(images).hasSize(7 * 32 * 32 * 3);
        List<String> captions = Files.readAllLines(dir.resolve("train-captions.txt"), StandardCharsets.UTF_8);
        assertThat(captions).hasSize(7);
        for (int i = 0; i < 7; i++) {
            ToyScene s = ToyWorld.sample(ToySplit.TRAIN, i);
            byte[] want = s.render(32).rgb();
            assertThat(Arrays.copyOfRange(images, i * want.length, (i + 1) * want.length)).as("image %d", i).isEqualTo(want);
            assertThat(captions.get(i)).isEqualTo(s.caption().text());
        }
        assertThat(Files.readAllLines(dir.resolve("eval-captions.txt"))).hasSize(ToyWorld.EVAL_CAPTIONS.size())
                .first().isEqualTo(ToyWorld.EVAL_CAPTIONS.get(0).text());
        assertThat(dir.resolve("train-images.u8.part")).doesNotExist();

        JsonNode tokens = JSON.readTree(dir.resolve("tokens.json").toFile());
        ClipTokenizer tok = ClipTokenizer.load(dir.resolve("tokenizer/vocab.json").toFile(), dir.resolve("tokenizer/merges.txt").toFile());
        assertThat(tokens.get("captions").size()).isEqualTo(168);
        for (String c : captions) {
            int[] ids = JSON.convertValue(tokens.get("captions").get(c), int[].class);
            assertThat(ids).as(c).hasSize(ToyTrainset.MAX_TOKENS).isEqualTo(tok.encode(c, ToyTrainset.MAX_TOKENS));
        }
        int[] uncond = JSON.convertValue(tokens.get("uncond"), int[].class);
        assertThat(uncond).isEqualTo(tok.encode("", ToyTrainset.MAX_TOKENS));
        assertThat(uncond[1]).as("the empty prompt is BOS then EOS padding").isEqualTo(uncond[2]);

        JsonNode meta = JSON.readTree(dir.resolve("meta.json").toFile());
        assertThat(meta.get("count").asInt()).isEqualTo(7);
        assertThat(JSON.convertValue(meta.get("images_shape"), int[].class)).containsExactly(7, 32, 32, 3);
    }

    @Test
    void write_templatesAreDiffusersFoldersOfTheDemoPresets(@TempDir Path dir) throws IOException {
        ToyTrainset.write(dir, 1, 32, n -> { });
        for (String v : List.of("sd15", "snapfusion")) {
            try (PipelineSource src = PipelineSource.open(dir.resolve("templates").resolve(v).toString())) {
                var builtIn = Presets.builtIn("demo:" + v);
                assertThat(src.preset().unet()).as(v).isEqualTo(builtIn.unet());
                assertThat(src.preset().textEncoder()).isEqualTo(builtIn.textEncoder());
                assertThat(src.preset().vaeDecoder().blockOutChannels()).isEqualTo(builtIn.vaeDecoder().blockOutChannels());
                assertThat(src.preset().latentHeight()).isEqualTo(builtIn.latentHeight());
            }
        }
    }

    @Test
    void write_refusesASizeTheJudgeCannotRead(@TempDir Path dir) {
        assertThatThrownBy(() -> ToyTrainset.write(dir, 1, 16, n -> { })).hasMessageContaining("size must be ≥ 32");
        assertThatThrownBy(() -> ToyTrainset.write(dir, 0, 64, n -> { })).hasMessageContaining("count must be ≥ 1");
    }
}
