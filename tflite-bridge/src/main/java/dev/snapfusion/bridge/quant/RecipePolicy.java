package dev.snapfusion.bridge.quant;

import dev.snapfusion.bridge.tflite.WeightEncoding;
import dev.snapfusion.bridge.tflite.WeightPolicy;
import dev.snapfusion.bridge.tflite.WeightUse;

/**
 * A recipe applied to one component. int8 schemes quantize only the weight operand of CONV_2D,
 * FULLY_CONNECTED and BATCH_MATMUL (the right-hand side); biases and norm gains stay fp32, because the
 * hybrid kernels take float biases and elementwise ops have no int8-weight kernels.
 */
final class RecipePolicy implements WeightPolicy {
    private final QuantRecipe recipe;
    private final String component;

    RecipePolicy(QuantRecipe recipe, String component) {
        this.recipe = recipe;
        this.component = component;
    }

    @Override
    public WeightEncoding encode(WeightUse use) {
        Scheme s = recipe.schemeFor(component, use.scope(), use.weight());
        if (s == Scheme.FP32) return WeightEncoding.FP32;
        if (s == Scheme.FP16) return WeightEncoding.FP16_DEQUANT;
        OpKind k = use.isMatmulWeight() ? OpKind.of(use.opcode()) : null;
        if (k == null) return WeightEncoding.FP32;
        Granularity g = recipe.granularityFor(s, k).orElse(null);
        if (g == null) return WeightEncoding.FP32;
        Support.check(s, k, g, component + "/" + use.weight());
        boolean perChannel = g == Granularity.PER_CHANNEL;
        if (s == Scheme.INT8_DYNAMIC) {
            return perChannel ? WeightEncoding.INT8_HYBRID_PER_CHANNEL : WeightEncoding.INT8_HYBRID_PER_TENSOR;
        }
        return perChannel ? WeightEncoding.INT8_DEQUANT_PER_CHANNEL : WeightEncoding.INT8_DEQUANT_PER_TENSOR;
    }
}
