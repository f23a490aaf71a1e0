package dev.snapfusion.bridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.bridge.arch.PresetException;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.arch.UnetConfig;
import org.junit.jupiter.api.Test;

/** diffusers UNet configs as published map to the built-in presets' stage lists. */
class DiffusersConfigsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fields of runwayml/stable-diffusion-v1-5 unet/config.json that matter here, spelled as there. */
    private static ObjectNode sd15() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"_class_name": "UNet2DConditionModel", "act_fn": "silu", "attention_head_dim": 8,
                 "block_out_channels": [320, 640, 1280, 1280], "center_input_sample": false, "cross_attention_dim": 768,
                 "down_block_types": ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
                 "downsample_padding": 1, "flip_sin_to_cos": true, "freq_shift": 0, "in_channels": 4, "layers_per_block": 2,
                 "mid_block_scale_factor": 1, "norm_eps": 1e-05, "norm_num_groups": 32, "out_channels": 4, "sample_size": 64,
                 "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"]}""");
    }

    private static void assertSameUnet(UnetConfig a, UnetConfig b) {
        assertThat(a.blockOutChannels()).isEqualTo(b.blockOutChannels());
        assertThat(a.attentionHeads()).isEqualTo(b.attentionHeads());
        assertThat(a.crossAttentionDim()).isEqualTo(b.crossAttentionDim());
        assertThat(a.normNumGroups()).isEqualTo(b.normNumGroups());
        for (String s : b.stageNames()) assertThat(a.layers(s)).as(s).isEqualTo(b.layers(s));
    }

    @Test
    void unet_sd15Config_equalsSd15Preset() throws Exception {
        UnetConfig u = DiffusersConfigs.unet(sd15(), "sd15/unet/config.json");
        assertSameUnet(u, Presets.named("sd15").unet());
        assertThat(DiffusersFolder.variantOf(u)).isEqualTo("sd15");
    }

    @Test
    void unet_bkSdmConfigs_equalBkSdmPresets() throws Exception {
        ObjectNode base = sd15().put("layers_per_block", 1);
        assertSameUnet(DiffusersConfigs.unet(base, "base"), Presets.named("bk-sdm-base").unet());
        ObjectNode small = base.deepCopy();
        small.putNull("mid_block_type");
        assertSameUnet(DiffusersConfigs.unet(small, "small"), Presets.named("bk-sdm-small").unet());
        ObjectNode tiny = small.deepCopy();
        tiny.putArray("block_out_channels").add(320).add(640).add(1280);
        tiny.putArray("down_block_types").add("CrossAttnDownBlock2D").add("CrossAttnDownBlock2D").add("CrossAttnDownBlock2D");
        tiny.putArray("up_block_types").add("CrossAttnUpBlock2D").add("CrossAttnUpBlock2D").add("CrossAttnUpBlock2D");
        UnetConfig t = DiffusersConfigs.unet(tiny, "tiny");
        assertSameUnet(t, Presets.named("bk-sdm-tiny").unet());
        assertThat(DiffusersFolder.variantOf(t)).isEqualTo("bk-sdm");
    }

    @Test
    void unet_headListAndPerBlockLayers_read() throws Exception {
        ObjectNode c = sd15();
        c.putArray("attention_head_dim").add(8).add(8).add(8).add(8);
        c.putArray("layers_per_block").add(2).add(2).add(1).add(1);
        UnetConfig u = DiffusersConfigs.unet(c, "x");
        assertThat(u.attentionHeads()).isEqualTo(8);
        assertThat(u.layers("down.2")).containsExactly("resnet", "cross_attention");
        assertThat(u.layers("up.0")).hasSize(2);              // up.0 mirrors down.3: 1 + 1
        assertThat(u.layers("up.3")).hasSize(6);              // mirrors down.0: 2 + 1 resnets with attention
    }

    @Test
    void unet_unsupportedVariants_refusedNamingFileAndField() throws Exception {
        ObjectNode lin = sd15().put("use_linear_projection", true);
        assertThatThrownBy(() -> DiffusersConfigs.unet(lin, "m/unet/config.json")).isInstanceOf(PresetException.class)
                .hasMessageContaining("m/unet/config.json: field use_linear_projection");
        ObjectNode heads = sd15();
        heads.putArray("attention_head_dim").add(5).add(10).add(20).add(20);
        assertThatThrownBy(() -> DiffusersConfigs.unet(heads, "f")).hasMessageContaining("field attention_head_dim differs between blocks");
        ObjectNode block = sd15();
        block.putArray("down_block_types").add("CrossAttnDownBlock2D").add("CrossAttnDownBlock2D").add("AttnDownBlock2D").add("DownBlock2D");
        assertThatThrownBy(() -> DiffusersConfigs.unet(block, "f")).hasMessageContaining("field down_block_types")
                .hasMessageContaining("AttnDownBlock2D");
        ObjectNode missing = sd15();
        missing.remove("block_out_channels");
        assertThatThrownBy(() -> DiffusersConfigs.unet(missing, "f")).hasMessageContaining("field block_out_channels");
    }

    @Test
    void unetJson_evenAndUnevenStages_roundTrip() {
        for (String name : Presets.NAMED) {
            UnetConfig u = Presets.named(name).unet();
            JsonNode j = DiffusersConfigs.unetJson(u, 64);
            assertThat(j.has(DiffusersConfigs.STAGES_KEY)).as(name).isEqualTo(name.equals("snapfusion"));
            assertSameUnet(DiffusersConfigs.unet(j, name), u);
        }
    }
}
