package dev.snapfusion.bridge.convert;

import dev.snapfusion.bridge.tflite.WeightFormat;
import java.util.Locale;

/** Precision recipes offered on the command line as {@code --quant}. */
public enum Quantization {
    FP32("fp32"), FP16("fp16"), INT8_DYNAMIC("int8-dynamic"), INT8_WEIGHT("int8-weight");

    private final String cli;

    Quantization(String cli) {
        this.cli = cli;
    }

    public String cliName() {
        return cli;
    }

    public static Quantization parse(String s) {
        for (Quantization q : values()) if (q.cli.equals(s.toLowerCase(Locale.ROOT))) return q;
        throw new IllegalArgumentException("unknown --quant '" + s + "' (use fp32, fp16, int8-dynamic or int8-weight)");
    }

    WeightFormat weightFormat() {
        return switch (this) {
            case FP32 -> WeightFormat.FP32;
            case FP16 -> WeightFormat.FP16;
            default -> throw new UnsupportedOperationException("--quant " + cli
                    + " is not implemented in this build yet; use fp32 or fp16");
        };
    }
}
