package dev.snapfusion.bridge.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.tflite.WeightEncoding;
import dev.snapfusion.bridge.tflite.WeightUse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.BuiltinOperator;

class QuantRecipeTest {
    private static WeightUse use(String scope, String weight, int opcode, int slot) {
        return new WeightUse("g", scope, weight, opcode, slot, new int[] {4, 4});
    }

    @Test
    void supportRow_int8DynamicPerChannelFullyConnected_isSupportedAsOneByOneConv() {
        Support.Row row = Support.row(Scheme.INT8_DYNAMIC, OpKind.FULLY_CONNECTED, Granularity.PER_CHANNEL).orElseThrow();
        assertThat(row.supported()).isTrue();
        assertThat(row.note()).contains("1x1 CONV_2D");
        assertThat(QuantRecipe.of(Scheme.INT8_DYNAMIC).granularity(OpKind.FULLY_CONNECTED, Granularity.PER_CHANNEL)
                .granularityFor(Scheme.INT8_DYNAMIC, OpKind.FULLY_CONNECTED)).contains(Granularity.PER_CHANNEL);
    }

    @Test
    void constructor_int8DynamicPerChannelBatchMatmul_isRefused() {
        assertThatThrownBy(() -> QuantRecipe.of(Scheme.INT8_DYNAMIC).granularity(OpKind.BATCH_MATMUL, Granularity.PER_CHANNEL))
                .isInstanceOf(QuantException.class).hasMessageContaining("BATCH_MATMUL").hasMessageContaining("per-channel");
    }

    @Test
    void constructor_int8DynamicPerTensorBatchMatmul_isRefusedWithTheMeasuredFailure() {
        assertThatThrownBy(() -> QuantRecipe.of(Scheme.INT8_DYNAMIC).granularity(OpKind.BATCH_MATMUL, Granularity.PER_TENSOR))
                .isInstanceOf(QuantException.class).hasMessageContaining("BATCH_MATMUL").hasMessageContaining("1e33");
        assertThat(QuantRecipe.of(Scheme.INT8_WEIGHT).granularity(OpKind.BATCH_MATMUL, Granularity.PER_TENSOR).granularityFor(
                Scheme.INT8_WEIGHT, OpKind.BATCH_MATMUL)).contains(Granularity.PER_TENSOR);
    }

    @Test
    void granularityFor_unsetOps_takesThePreferredSupportedOneOrFp32() {
        QuantRecipe r = QuantRecipe.of(Scheme.INT8_DYNAMIC);
        assertThat(r.granularityFor(Scheme.INT8_DYNAMIC, OpKind.CONV_2D)).contains(Granularity.PER_CHANNEL);
        assertThat(r.granularityFor(Scheme.INT8_DYNAMIC, OpKind.FULLY_CONNECTED)).contains(Granularity.PER_CHANNEL);
        assertThat(r.granularityFor(Scheme.INT8_DYNAMIC, OpKind.BATCH_MATMUL)).isEmpty();
        assertThat(r.granularityFor(Scheme.INT8_WEIGHT, OpKind.FULLY_CONNECTED)).contains(Granularity.PER_CHANNEL);
    }

    @Test
    void constructor_overrideToInt8DynamicWithPerTensorBatchMatmul_isRefusedEvenWhenDefaultIsFp16() {
        QuantRecipe fp16PerTensorBmm = QuantRecipe.of(Scheme.FP16).granularity(OpKind.BATCH_MATMUL, Granularity.PER_TENSOR);
        assertThatThrownBy(() -> fp16PerTensorBmm.override("unet", Scheme.INT8_DYNAMIC))
                .isInstanceOf(QuantException.class).hasMessageContaining("BATCH_MATMUL").hasMessageContaining("int8-dynamic");
    }

    @Test
    void supportTable_everyUnsupportedRow_isRefusedByCheck() {
        List<Support.Row> refused = Support.table().stream().filter(r -> !r.supported()).toList();
        assertThat(refused).extracting(Support.Row::op).containsOnly(OpKind.BATCH_MATMUL).hasSize(2);
        for (Support.Row r : refused) {
            assertThatThrownBy(() -> Support.check(r.scheme(), r.op(), r.granularity(), "x"))
                    .isInstanceOf(QuantException.class).hasMessageContaining(r.op().name());
        }
    }

    @Test
    void supportTable_everySupportedRow_passesCheck() {
        for (Support.Row r : Support.table()) if (r.supported()) Support.check(r.scheme(), r.op(), r.granularity(), "x");
        for (Scheme s : List.of(Scheme.FP32, Scheme.FP16)) {
            for (OpKind k : OpKind.values()) for (Granularity g : Granularity.values()) Support.check(s, k, g, "x");
        }
    }

    @Test
    void policy_int8Dynamic_quantizesOnlyMatmulWeightOperands() {
        var p = QuantRecipe.of(Scheme.INT8_DYNAMIC).policy("unet");
        assertThat(p.encode(use("down.0.resnet.0", "a.conv1.weight", BuiltinOperator.CONV_2D, 1)))
                .isEqualTo(WeightEncoding.INT8_HYBRID_PER_CHANNEL);
        assertThat(p.encode(use("down.0.resnet.0", "a.conv1.bias", BuiltinOperator.CONV_2D, 2))).isEqualTo(WeightEncoding.FP32);
        assertThat(p.encode(use("x", "a.to_q.weight", BuiltinOperator.FULLY_CONNECTED, 1)))
                .isEqualTo(WeightEncoding.INT8_HYBRID_PER_CHANNEL);
        assertThat(QuantRecipe.of(Scheme.INT8_DYNAMIC).granularity(OpKind.FULLY_CONNECTED, Granularity.PER_TENSOR).policy("unet")
                .encode(use("x", "a.to_q.weight", BuiltinOperator.FULLY_CONNECTED, 1))).isEqualTo(WeightEncoding.INT8_HYBRID_PER_TENSOR);
        assertThat(p.encode(use("x", "norm.weight", BuiltinOperator.MUL, 1))).isEqualTo(WeightEncoding.FP32);
        assertThat(p.encode(use("x", "table", BuiltinOperator.BATCH_MATMUL, 0))).isEqualTo(WeightEncoding.FP32);
        assertThat(p.encode(use("x", "table", BuiltinOperator.BATCH_MATMUL, 1))).isEqualTo(WeightEncoding.FP32);
    }

    @Test
    void policy_int8Weight_usesDequantizeAndRecipeGranularity() {
        var p = QuantRecipe.of(Scheme.INT8_WEIGHT).granularity(OpKind.FULLY_CONNECTED, Granularity.PER_CHANNEL).policy("unet");
        assertThat(p.encode(use("s", "fc.weight", BuiltinOperator.FULLY_CONNECTED, 1))).isEqualTo(WeightEncoding.INT8_DEQUANT_PER_CHANNEL);
        assertThat(p.encode(use("s", "c.weight", BuiltinOperator.CONV_2D, 1))).isEqualTo(WeightEncoding.INT8_DEQUANT_PER_CHANNEL);
    }

    @Test
    void overrides_matchBlockIdsWeightPrefixesComponentsAndGlobs_lastWins() {
        QuantRecipe r = QuantRecipe.of(Scheme.INT8_DYNAMIC)
                .keepFp32("stem.conv_in", "*.attn1", "vae_decoder")
                .override("up.1", Scheme.FP16)
                .override("up.1.resnet.0", Scheme.INT8_WEIGHT);
        assertThat(r.schemeFor("unet", "stem.conv_in", "conv_in.weight")).isEqualTo(Scheme.FP32);
        assertThat(r.schemeFor("unet", "stem.conv_out", "conv_out.weight")).isEqualTo(Scheme.INT8_DYNAMIC);
        assertThat(r.schemeFor("unet", "unet", "down_blocks.1.attentions.0.transformer_blocks.0.attn1.to_q.weight"))
                .isEqualTo(Scheme.FP32);
        assertThat(r.schemeFor("unet", "unet", "down_blocks.1.attentions.0.transformer_blocks.0.attn2.to_q.weight"))
                .isEqualTo(Scheme.INT8_DYNAMIC);
        assertThat(r.schemeFor("vae_decoder", "vae_decoder", "decoder.conv_in.weight")).isEqualTo(Scheme.FP32);
        assertThat(r.schemeFor("unet", "up.1.cross_attention.0", "w")).isEqualTo(Scheme.FP16);
        assertThat(r.schemeFor("unet", "up.1.resnet.0", "w")).isEqualTo(Scheme.INT8_WEIGHT);
        assertThat(r.schemeFor("unet", "up.10", "w")).isEqualTo(Scheme.INT8_DYNAMIC);
    }

    @Test
    void parse_unknownNames_areRefusedWithTheBadInput() {
        assertThatThrownBy(() -> Scheme.parse("int4")).isInstanceOf(QuantException.class).hasMessageContaining("'int4'");
        assertThatThrownBy(() -> Granularity.parse("per-row")).isInstanceOf(QuantException.class).hasMessageContaining("'per-row'");
        assertThat(Scheme.parse(" INT8-Weight")).isEqualTo(Scheme.INT8_WEIGHT);
    }

    @Test
    void describe_listsGranularityAndOverrides() {
        assertThat(QuantRecipe.of(Scheme.FP16).describe()).isEqualTo("fp16");
        assertThat(QuantRecipe.of(Scheme.INT8_DYNAMIC).keepFp32("stem.conv_in").describe())
                .contains("int8-dynamic", "conv_2d per-channel", "fully_connected per-channel", "batch_matmul fp32", "stem.conv_in=fp32");
    }
}
