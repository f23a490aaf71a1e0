package dev.snapfusion.studio.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.bridge.quant.Granularity;
import dev.snapfusion.bridge.quant.OpKind;
import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.quant.Scheme;
import dev.snapfusion.studio.common.StudioError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The override texts of `studio convert` and the Models page: parsing, order, refusals that name the text. */
class RecipeOverridesTest {
    private static final List<String> DEMO_BLOCKS = SourceBlocks.ids("demo:snapfusion");

    @Test
    void parse_overridesThenKeepFp32_keepsOrderAndKeepComesLast() {
        RecipeOverrides o = RecipeOverrides.parse(List.of("unet=int8-weight", "vae_decoder=fp16"), List.of("stem.conv_in"),
                List.of("conv_2d=per-tensor"));

        assertThat(o.rules()).containsExactly(new QuantRecipe.Rule("unet", Scheme.INT8_WEIGHT),
                new QuantRecipe.Rule("vae_decoder", Scheme.FP16), new QuantRecipe.Rule("stem.conv_in", Scheme.FP32));
        assertThat(o.granularity()).containsExactly(java.util.Map.entry(OpKind.CONV_2D, Granularity.PER_TENSOR));
        assertThat(o).hasToString("[conv_2d=per-tensor, unet=int8-weight, vae_decoder=fp16, stem.conv_in=fp32]");
    }

    @Test
    void applyTo_blockAndComponentRules_reachTheRecipeLaterWinning() {
        RecipeOverrides o = RecipeOverrides.NONE.with("unet", Scheme.FP16).with("down.1", Scheme.INT8_WEIGHT);

        QuantRecipe r = new ConvertSpec("demo:snapfusion", Quantization.FP32, Path.of("out"), o).recipe();

        assertThat(r.scheme()).isEqualTo(Scheme.FP32);
        assertThat(r.schemeFor("unet", "down.1.resnet.0", "down_blocks.1.resnets.0.conv1")).isEqualTo(Scheme.INT8_WEIGHT);
        assertThat(r.schemeFor("unet", "up.2.resnet.0", "up_blocks.2.resnets.0.conv1")).isEqualTo(Scheme.FP16);
        assertThat(r.schemeFor("vae_decoder", null, "decoder.conv_in")).isEqualTo(Scheme.FP32);
    }

    @Test
    void then_laterRulesWinAndGranularitiesMerge() {
        RecipeOverrides a = RecipeOverrides.NONE.with("unet", Scheme.FP16).withGranularity("conv_2d=per-tensor");
        RecipeOverrides b = RecipeOverrides.NONE.with("unet", Scheme.FP32).withGranularity("conv_2d=per-channel");

        RecipeOverrides both = a.then(b);

        assertThat(both.rules()).extracting(QuantRecipe.Rule::scheme).containsExactly(Scheme.FP16, Scheme.FP32);
        assertThat(both.granularity()).containsEntry(OpKind.CONV_2D, Granularity.PER_CHANNEL);
        assertThat(both.applyTo(Quantization.INT8_DYNAMIC.recipe()).schemeFor("unet", null, null)).isEqualTo(Scheme.FP32);
    }

    @Test
    void withOverride_noPattern_namesTheText() {
        assertThatThrownBy(() -> RecipeOverrides.NONE.withOverride("fp16")).isInstanceOf(StudioError.class)
                .hasMessage("Override “fp16”: expected PATTERN=PRECISION, e.g. vae_decoder=fp16");
        assertThatThrownBy(() -> RecipeOverrides.NONE.withOverride(" =fp16")).isInstanceOf(StudioError.class)
                .hasMessageStartingWith("Override “ =fp16”: expected PATTERN=PRECISION");
    }

    @Test
    void withOverride_badPrecision_namesTheTextAndTheChoices() {
        assertThatThrownBy(() -> RecipeOverrides.parse(List.of("vae_decoder=fp17"), List.of(), List.of()))
                .isInstanceOf(StudioError.class)
                .hasMessage("Override “vae_decoder=fp17”: unknown precision 'fp17' (use fp32, fp16, int8-dynamic or int8-weight)");
    }

    @Test
    void withGranularity_unknownOpOrGranularity_namesTheText() {
        assertThatThrownBy(() -> RecipeOverrides.NONE.withGranularity("conv3d=per-tensor")).isInstanceOf(StudioError.class)
                .hasMessage("Granularity “conv3d=per-tensor”: unknown op 'conv3d' (conv_2d, fully_connected, batch_matmul)");
        assertThatThrownBy(() -> RecipeOverrides.NONE.withGranularity("conv_2d=per-row")).isInstanceOf(StudioError.class)
                .hasMessageStartingWith("Granularity “conv_2d=per-row”: unknown granularity 'per-row'");
        assertThatThrownBy(() -> RecipeOverrides.NONE.withGranularity("conv_2d")).isInstanceOf(StudioError.class)
                .hasMessageStartingWith("Granularity “conv_2d”: expected OP=per-channel|per-tensor");
    }

    @Test
    void applyTo_unsupportedGranularity_isRefusedNamingTheCombination() {
        RecipeOverrides o = RecipeOverrides.NONE.withGranularity("batch_matmul=per-tensor");
        assertThatThrownBy(() -> o.applyTo(Quantization.INT8_DYNAMIC.recipe())).isInstanceOf(StudioError.class)
                .hasMessageContaining("batch_matmul".toUpperCase());
    }

    @Test
    void requireKnown_unknownBlockOrStage_namesTheTextAndTheSource() {
        for (String bad : List.of("down.9", "up.1.resnet.7", "mid.cross_attention.5", "stem.conv_middle")) {
            RecipeOverrides o = RecipeOverrides.NONE.with(bad, Scheme.FP16);
            assertThatThrownBy(() -> o.requireKnown("demo:snapfusion", DEMO_BLOCKS)).isInstanceOf(StudioError.class)
                    .hasMessageStartingWith("Override “" + bad + "=fp16”: demo:snapfusion has no UNet block or stage “" + bad + "”")
                    .hasMessageContaining("blocks run from stem.time_embedding to ");
        }
    }

    @Test
    void requireKnown_blocksStagesComponentsWeightsAndWildcards_areAccepted() {
        RecipeOverrides o = RecipeOverrides.parse(List.of("down.1=fp16", "mid=fp16", "up.1.cross_attention.0=fp32", "stem=fp16",
                "*.attn1=fp32", "vae_decoder=fp16", "conv_in=fp32", "down.*.resnet.0=fp32"), List.of(), List.of());
        o.requireKnown("demo:snapfusion", DEMO_BLOCKS);
    }

    @Test
    void sourceBlocks_demoSnapFusion_givesTheBlockTableInOrder() {
        assertThat(DEMO_BLOCKS).startsWith("stem.time_embedding", "stem.conv_in").contains("mid.resnet.0")
                .endsWith("stem.conv_out").doesNotHaveDuplicates();
    }

    @Test
    void sourceBlocks_noSuchSource_isAUserErrorNamingIt() {
        assertThatThrownBy(() -> SourceBlocks.ids("/no/such/preset.json")).isInstanceOf(StudioError.class)
                .hasMessageContaining("/no/such/preset.json");
    }
}
