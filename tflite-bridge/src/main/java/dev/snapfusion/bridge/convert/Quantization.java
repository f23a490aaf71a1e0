package dev.snapfusion.bridge.convert;

import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.quant.Scheme;
import java.util.Locale;

/**
 * The plain precision recipes offered on the command line as {@code --quant}; overrides and
 * granularities are expressed with a {@link QuantRecipe}.
 */
public enum Quantization {
    FP32(Scheme.FP32), FP16(Scheme.FP16), INT8_DYNAMIC(Scheme.INT8_DYNAMIC), INT8_WEIGHT(Scheme.INT8_WEIGHT);

    private final Scheme scheme;

    Quantization(Scheme scheme) {
        this.scheme = scheme;
    }

    public String cliName() {
        return scheme.cliName();
    }

    public QuantRecipe recipe() {
        return QuantRecipe.of(scheme);
    }

    public static Quantization parse(String s) {
        for (Quantization q : values()) if (q.cliName().equals(s.trim().toLowerCase(Locale.ROOT))) return q;
        throw new IllegalArgumentException("unknown --quant '" + s + "' (use fp32, fp16, int8-dynamic or int8-weight)");
    }
}
