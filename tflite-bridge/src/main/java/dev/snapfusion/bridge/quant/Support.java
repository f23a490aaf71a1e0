package dev.snapfusion.bridge.quant;

import java.util.List;
import java.util.Optional;

/**
 * What the runtimes run correctly, as (scheme, op, granularity) rows: measured on TFLite 2.6.2 (FACTS.md, "Int8
 * hybrid") and rechecked against the phone's 2.16.1 in session 3 (docs/decisions.md). A combination without a row is refused with the row's reason.
 * fp32 and fp16 have no granularity and are supported for every op.
 */
public final class Support {
    /** One row: supported or not, and why. */
    public record Row(Scheme scheme, OpKind op, Granularity granularity, boolean supported, String note) {
    }

    private static final List<Row> TABLE = List.of(
            new Row(Scheme.INT8_DYNAMIC, OpKind.CONV_2D, Granularity.PER_CHANNEL, true, "hybrid per-channel conv"),
            new Row(Scheme.INT8_DYNAMIC, OpKind.CONV_2D, Granularity.PER_TENSOR, true, "hybrid conv"),
            new Row(Scheme.INT8_DYNAMIC, OpKind.FULLY_CONNECTED, Granularity.PER_TENSOR, true, "hybrid fully-connected"),
            // 2.6.2's hybrid FULLY_CONNECTED silently returns the bias with per-channel weights (FACTS.md), and
            // per-channel hybrid FULLY_CONNECTED is op version 12, which 2.16.1 does not register (it stops at 11),
            // so Graph.fullyConnected writes these linears as RESHAPE + hybrid 1x1 CONV_2D + RESHAPE.
            new Row(Scheme.INT8_DYNAMIC, OpKind.FULLY_CONNECTED, Granularity.PER_CHANNEL, true,
                    "written as a hybrid per-channel 1x1 CONV_2D (2.6.2's hybrid FULLY_CONNECTED ignores per-channel scales)"),
            new Row(Scheme.INT8_DYNAMIC, OpKind.BATCH_MATMUL, Granularity.PER_TENSOR, false,
                    "TFLite 2.6.2's hybrid BATCH_MATMUL with a constant int8 right-hand side is wrong for many shapes "
                            + "(measured: [1,8,6]x[1,6,5] returns 1e33, [1,30,12]x[1,12,7] returns garbage); use int8-weight"),
            new Row(Scheme.INT8_DYNAMIC, OpKind.BATCH_MATMUL, Granularity.PER_CHANNEL, false,
                    "TFLite 2.6.2's hybrid BATCH_MATMUL is silently wrong with per-channel int8 weights; use per-tensor"),
            // Per-channel int8-weight is one per-channel DEQUANTIZE (version 5, which 2.16.1 registers). 2.6.2's
            // DEQUANTIZE ignored per-channel scales, so until session 3 it was scale-1 int8 + DEQUANTIZE + a MUL.
            new Row(Scheme.INT8_WEIGHT, OpKind.CONV_2D, Granularity.PER_CHANNEL, true, "int8 + per-channel DEQUANTIZE, fp32 conv"),
            new Row(Scheme.INT8_WEIGHT, OpKind.CONV_2D, Granularity.PER_TENSOR, true, "int8 + DEQUANTIZE, fp32 conv"),
            new Row(Scheme.INT8_WEIGHT, OpKind.FULLY_CONNECTED, Granularity.PER_CHANNEL, true, "int8 + per-channel DEQUANTIZE, fp32 FC"),
            new Row(Scheme.INT8_WEIGHT, OpKind.FULLY_CONNECTED, Granularity.PER_TENSOR, true, "int8 + DEQUANTIZE, fp32 FC"),
            new Row(Scheme.INT8_WEIGHT, OpKind.BATCH_MATMUL, Granularity.PER_CHANNEL, true, "int8 + per-channel DEQUANTIZE, fp32 matmul"),
            new Row(Scheme.INT8_WEIGHT, OpKind.BATCH_MATMUL, Granularity.PER_TENSOR, true, "int8 + DEQUANTIZE, fp32 matmul"));

    private Support() {
    }

    public static List<Row> table() {
        return TABLE;
    }

    public static Optional<Row> row(Scheme s, OpKind op, Granularity g) {
        return TABLE.stream().filter(r -> r.scheme() == s && r.op() == op && r.granularity() == g).findFirst();
    }

    /**
     * The granularity a scheme uses for an op when the recipe does not say: per-channel where it runs
     * correctly, else per-tensor, else empty (the op's weights stay fp32).
     */
    public static Optional<Granularity> preferred(Scheme s, OpKind op) {
        for (Granularity g : List.of(Granularity.PER_CHANNEL, Granularity.PER_TENSOR)) {
            if (row(s, op, g).map(Row::supported).orElse(false)) return Optional.of(g);
        }
        return Optional.empty();
    }

    /** Throws a {@link QuantException} naming the combination (and {@code where} it was asked for) if unsupported. */
    public static void check(Scheme s, OpKind op, Granularity g, String where) {
        if (s == Scheme.FP32 || s == Scheme.FP16) return;
        Optional<Row> r = row(s, op, g);
        if (r.isEmpty()) throw new QuantException(where + ": " + s + " " + op + " " + g.cliName() + " is not supported");
        if (!r.get().supported()) {
            throw new QuantException(where + ": " + s + " with " + g.cliName() + " " + op + " weights is refused: " + r.get().note());
        }
    }
}
