package dev.snapfusion.bridge.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.graph.UnetBlock;
import dev.snapfusion.bridge.graph.UnetBuilder;
import dev.snapfusion.runner.bundle.BlockKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full-size presets checked against published parameter counts; validation errors name file and field. */
class PresetsTest {
    @TempDir
    Path dir;

    /** Parameters of a planned UNet, counted from the block plan (diffusers layer shapes), without weights. */
    static long unetParams(PipelinePreset p) {
        UnetConfig u = p.unet();
        UnetBuilder b = new UnetBuilder(u, p.latentHeight(), p.latentWidth(), 77);
        long c0 = u.blockOutChannels().get(0), tdim = u.timeEmbeddingDim(), ctx = u.crossAttentionDim(), total = 0;
        for (UnetBlock blk : b.blocks()) {
            int[] os = b.shape(blk.id());
            long out = os[os.length - 1];
            if (blk.id().equals("stem.time_embedding")) total += c0 * tdim + tdim + tdim * tdim + tdim;
            else if (blk.id().equals("stem.conv_in")) total += u.inChannels() * c0 * 9 + c0;
            else if (blk.id().equals("stem.conv_out")) total += 2 * c0 + c0 * u.outChannels() * 9 + u.outChannels();
            else if (blk.kind() == BlockKind.RESNET) {
                long in = blk.inputShapes().get(0)[3] + (blk.inputs().size() == 3 ? blk.inputShapes().get(1)[3] : 0);
                total += 2 * in + in * out * 9 + out + tdim * out + out + 2 * out + out * out * 9 + out + (in != out ? in * out + out : 0);
            } else if (blk.kind() == BlockKind.CROSS_ATTENTION) {
                long c = out;
                total += 2 * c + (c * c + c) + 3 * 2 * c            // norm, proj_in, norm1-3
                        + 3 * c * c + c * c + c                         // attn1
                        + c * c + 2 * ctx * c + c * c + c               // attn2
                        + c * 8 * c + 8 * c + 4 * c * c + c             // GEGLU feed-forward
                        + c * c + c;                                    // proj_out
            } else if (blk.kind() == BlockKind.DOWNSAMPLE || blk.kind() == BlockKind.UPSAMPLE) {
                total += out * out * 9 + out;
            } else {
                throw new AssertionError(blk.id());
            }
        }
        return total;
    }

    @Test
    void named_fullSizeUnets_matchPublishedParameterCounts() {
        assertThat(unetParams(Presets.named("sd15"))).isEqualTo(859_520_964L);          // diffusers UNet2DConditionModel, SD-v1.5
        assertThat(unetParams(Presets.named("bk-sdm-base"))).isEqualTo(579_384_964L);   // nota-ai/bk-sdm-base unet
        assertThat(unetParams(Presets.named("bk-sdm-small"))).isEqualTo(482_346_884L);
        assertThat(unetParams(Presets.named("bk-sdm-tiny"))).isEqualTo(323_384_964L);
        long sf = unetParams(Presets.named("snapfusion"));
        System.out.println("snapfusion preset UNet params: " + sf + " (paper: 848 M)");
        // Table 3 gives counts, not positions or the paper's exact blocks: this layout has 759.3 M, the paper
        // reports 848 M (docs/architectures.md, departures). Pinned so a change to the preset is deliberate.
        assertThat(sf).isEqualTo(759_327_364L);
    }

    @Test
    void named_snapfusion_hasTable3Counts() {
        UnetConfig u = Presets.named("snapfusion").unet();
        int[][] expected = {{0, 2}, {2, 2}, {2, 1}};   // Down-1..3: CA, RB
        for (int i = 0; i < 3; i++) {
            assertThat(count(u, "down." + i, "cross_attention")).isEqualTo(expected[i][0]);
            assertThat(count(u, "down." + i, "resnet")).isEqualTo(expected[i][1]);
        }
        // "Mid" in Table 3 is every block at H/64: down.3 + mid + up.0.
        assertThat(count(u, "down.3", "resnet") + count(u, "mid", "resnet") + count(u, "up.0", "resnet")).isEqualTo(4);
        assertThat(count(u, "down.3", "cross_attention") + count(u, "mid", "cross_attention") + count(u, "up.0", "cross_attention")).isEqualTo(1);
        int[][] up = {{6, 2}, {3, 3}, {0, 3}};          // Up-1..3
        for (int i = 0; i < 3; i++) {
            assertThat(count(u, "up." + (i + 1), "cross_attention")).isEqualTo(up[i][0]);
            assertThat(count(u, "up." + (i + 1), "resnet")).isEqualTo(up[i][1]);
        }
        assertThat(Presets.named("snapfusion").vaeDecoder().blockOutChannels())
                .containsExactly(64, 128, 256, 256);   // half of SD's decoder
    }

    @Test
    void named_bkSdmTiny_threeLevelsNoInnermostStageOrMid() {
        PipelinePreset t = Presets.named("bk-sdm-tiny");
        UnetBuilder b = new UnetBuilder(t.unet(), 64, 64, 77);
        List<String> ids = b.blocks().stream().map(UnetBlock::id).toList();
        assertThat(ids).contains("down.1.downsample").doesNotContain("down.2.downsample", "down.3.resnet.0", "mid.resnet.0", "up.2.upsample");
        assertThat(b.shape(UnetBuilder.OUT)).containsExactly(1, 64, 64, 4);
    }

    @Test
    void read_skipCountsDoNotPair_namesFileFieldAndLevel() throws Exception {
        String json = new String(Presets.class.getResourceAsStream("/dev/snapfusion/assets/presets/demo-sd15.json").readAllBytes())
                .replace("\"up.3\":   [\"resnet\", \"cross_attention\", \"resnet\", \"cross_attention\", \"resnet\", \"cross_attention\"]",
                        "\"up.3\":   [\"resnet\", \"cross_attention\", \"resnet\", \"cross_attention\"]");
        Path f = dir.resolve("custom.json");
        Files.writeString(f, json);
        assertThatThrownBy(() -> Presets.read(f)).isInstanceOf(PresetException.class).hasMessageContaining(f.toString())
                .hasMessageContaining("unet.stages").hasMessageContaining("resolution level 0: down path makes 3 skips")
                .hasMessageContaining("up.3 has 2 resnets");
    }

    @Test
    void read_wrongTypeOrUnknownField_namesFileAndField() throws Exception {
        String base = new String(Presets.class.getResourceAsStream("/dev/snapfusion/assets/presets/demo-sd15.json").readAllBytes());
        Path f = dir.resolve("bad.json");
        Files.writeString(f, base.replace("\"norm_num_groups\": 8, \"norm_eps\"", "\"norm_num_groups\": \"eight\", \"norm_eps\""));
        assertThatThrownBy(() -> Presets.read(f)).hasMessageContaining(f.toString()).hasMessageContaining("field unet.norm_num_groups");
        Files.writeString(f, base.replace("\"in_channels\": 4,", "\"in_channels\": 4, \"colour\": 1,"));
        assertThatThrownBy(() -> Presets.read(f)).hasMessageContaining("field unet.colour");
        Files.writeString(f, base.replace("\"down.3\": [\"resnet\", \"resnet\"]", "\"down.3\": [\"resnet\", \"conv\"]"));
        assertThatThrownBy(() -> Presets.read(f)).hasMessageContaining("unet.stages.down.3 has unknown layer 'conv'");
        Files.writeString(f, base.replace("\"latent_height\": 16", "\"latent_height\": 12"));
        assertThatThrownBy(() -> Presets.read(f)).hasMessageContaining("latent_height").hasMessageContaining("multiples of 8");
    }

    @Test
    void resolve_unknownName_listsChoices() {
        assertThatThrownBy(() -> Presets.resolve("sd21")).isInstanceOf(PresetException.class).hasMessageContaining("sd21")
                .hasMessageContaining("bk-sdm-tiny");
        assertThat(Presets.resolve("demo:sd15").name()).isEqualTo("demo:sd15");
    }

    private static int count(UnetConfig u, String stage, String kind) {
        return (int) u.layers(stage).stream().filter(kind::equals).count();
    }
}
