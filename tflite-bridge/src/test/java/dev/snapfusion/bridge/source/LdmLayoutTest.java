package dev.snapfusion.bridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.arch.Presets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SD-1.5 key mapping as diffusers' convert_original_stable_diffusion script lays it out. */
class LdmLayoutTest {
    private final LdmLayout sd = new LdmLayout(Presets.named("sd15"));

    @Test
    void unet_sd15KnownPairs() {
        Map<String, String> pairs = Map.ofEntries(
                Map.entry("conv_in.weight", "input_blocks.0.0.weight"),
                Map.entry("time_embedding.linear_2.bias", "time_embed.2.bias"),
                Map.entry("down_blocks.0.resnets.0.norm1.weight", "input_blocks.1.0.in_layers.0.weight"),
                Map.entry("down_blocks.0.attentions.1.proj_in.weight", "input_blocks.2.1.proj_in.weight"),
                Map.entry("down_blocks.0.downsamplers.0.conv.weight", "input_blocks.3.0.op.weight"),
                Map.entry("down_blocks.1.resnets.0.conv_shortcut.weight", "input_blocks.4.0.skip_connection.weight"),
                Map.entry("down_blocks.3.resnets.1.time_emb_proj.weight", "input_blocks.11.0.emb_layers.1.weight"),
                Map.entry("mid_block.resnets.1.conv2.weight", "middle_block.2.out_layers.3.weight"),
                Map.entry("mid_block.attentions.0.transformer_blocks.0.attn2.to_k.weight",
                        "middle_block.1.transformer_blocks.0.attn2.to_k.weight"),
                Map.entry("up_blocks.0.resnets.2.conv1.bias", "output_blocks.2.0.in_layers.2.bias"),
                Map.entry("up_blocks.0.upsamplers.0.conv.weight", "output_blocks.2.1.conv.weight"),
                Map.entry("up_blocks.1.attentions.2.norm.weight", "output_blocks.5.1.norm.weight"),
                Map.entry("up_blocks.1.upsamplers.0.conv.bias", "output_blocks.5.2.conv.bias"),
                Map.entry("up_blocks.3.resnets.2.norm2.bias", "output_blocks.11.0.out_layers.0.bias"),
                Map.entry("conv_norm_out.weight", "out.0.weight"),
                Map.entry("conv_out.bias", "out.2.bias"));
        pairs.forEach((d, l) -> {
            assertThat(sd.unetToLdm(d)).as(d).isEqualTo(LdmLayout.UNET + l);
            assertThat(sd.unetFromLdm(LdmLayout.UNET + l)).as(l).isEqualTo(d);
        });
        assertThat(sd.unetFromLdm(LdmLayout.UNET + "input_blocks.12.0.in_layers.0.weight")).isNull();
        assertThat(sd.unetFromLdm(LdmLayout.UNET + "input_blocks.1.0.mystery.weight")).isNull();
    }

    @Test
    void vae_sd15KnownPairs() {
        assertThat(sd.vaeToLdm("decoder.up_blocks.0.resnets.2.conv1.weight")).isEqualTo(LdmLayout.VAE + "decoder.up.3.block.2.conv1.weight");
        assertThat(sd.vaeToLdm("decoder.up_blocks.2.upsamplers.0.conv.weight")).isEqualTo(LdmLayout.VAE + "decoder.up.1.upsample.conv.weight");
        assertThat(sd.vaeToLdm("decoder.up_blocks.2.resnets.0.conv_shortcut.weight"))
                .isEqualTo(LdmLayout.VAE + "decoder.up.1.block.0.nin_shortcut.weight");
        assertThat(sd.vaeToLdm("decoder.mid_block.attentions.0.to_out.0.bias")).isEqualTo(LdmLayout.VAE + "decoder.mid.attn_1.proj_out.bias");
        assertThat(sd.vaeFromLdm(LdmLayout.VAE + "decoder.mid.attn_1.norm.weight")).isEqualTo("decoder.mid_block.attentions.0.group_norm.weight");
        assertThat(sd.vaeFromLdm(LdmLayout.VAE + "decoder.norm_out.bias")).isEqualTo("decoder.conv_norm_out.bias");
        assertThat(sd.vaeFromLdm(LdmLayout.VAE + "encoder.conv_in.weight")).isNull();
    }

    @Test
    void everyTinyTensor_roundTripsThroughLdmNames() {
        PipelinePreset p = Presets.builtIn("demo:sd15");
        LdmLayout l = new LdmLayout(p);
        for (String n : TinyCheckpoints.unetTensors(p).keySet()) assertThat(l.unetFromLdm(l.unetToLdm(n))).isEqualTo(n);
        for (String n : TinyCheckpoints.vaeTensors(p).keySet()) assertThat(l.vaeFromLdm(l.vaeToLdm(n))).isEqualTo(n);
    }

    @Test
    void snapfusionLayout_twoAttentionsAfterOneResnet_notExpressible() {
        assertThatThrownBy(() -> new LdmLayout(Presets.named("snapfusion"))).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("one attention per resnet").hasMessageContaining("down.2");
    }
}
