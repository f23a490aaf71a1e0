package dev.snapfusion.bridge.quant;

import java.util.Locale;

/** A precision scheme, as named on the command line ({@code --quant}). */
public enum Scheme {
    /** float32 weights and compute. */
    FP32("fp32"),
    /** float16 weights plus DEQUANTIZE, fp32 compute (XNNPACK folds the DEQUANTIZE). */
    FP16("fp16"),
    /** int8 matmul weights fed to TFLite's hybrid kernels, fp32 activations ("dynamic range"). */
    INT8_DYNAMIC("int8-dynamic"),
    /** int8 matmul weights plus DEQUANTIZE, fp32 compute: smaller files, fp32 arithmetic. */
    INT8_WEIGHT("int8-weight");

    private final String cli;

    Scheme(String cli) {
        this.cli = cli;
    }

    public String cliName() {
        return cli;
    }

    public static Scheme parse(String s) {
        for (Scheme q : values()) if (q.cli.equals(s.trim().toLowerCase(Locale.ROOT))) return q;
        throw new QuantException("unknown precision '" + s + "' (use fp32, fp16, int8-dynamic or int8-weight)");
    }

    @Override
    public String toString() {
        return cli;
    }
}
