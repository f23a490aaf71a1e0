package dev.snapfusion.bridge.tflite;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.TensorType;

/**
 * The weight-encoding half of a {@link Graph}: learned weights wait here until the first op that reads them is
 * emitted, then the graph's {@link WeightPolicy} (the recipe, bridge/quant) picks their encoding for that op and this
 * class writes them in it — fp32, fp16 + DEQUANTIZE, int8 hybrid, or int8 + DEQUANTIZE — and counts what each
 * encoding holds. Graph keeps the op builder; this keeps the storage rules. Not thread-safe.
 */
final class WeightStore {
    /** A weight whose encoding waits for its first consumer (the policy depends on the op reading it). */
    private record Pending(String name, float[] data, String scope) {
    }

    private final Graph g;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final Map<WeightEncoding, Long> paramsByEncoding = new EnumMap<>(WeightEncoding.class);
    private long bytes;
    private long params;
    private boolean legacyForms = Boolean.getBoolean(Graph.LEGACY_FORMS_PROPERTY);

    WeightStore(Graph g) {
        this.g = g;
    }

    void legacyForms(boolean on) {
        legacyForms = on;
    }

    /** Registers {@code data} for tensor {@code index}; its data is written when {@link #resolve} picks the encoding. */
    void add(int index, String name, float[] data, String scope) {
        params += data.length;
        pending.put(index, new Pending(name, data, scope));
    }

    boolean isPending(int index) {
        return pending.containsKey(index);
    }

    /** The policy's encoding for pending weight {@code index} read by {@code opcode} at input {@code slot}. */
    WeightEncoding decide(int index, int opcode, int slot) {
        Pending p = pending.get(index);
        return g.weightFormat().policy().encode(new WeightUse(g.name(), p.scope(), p.name(), opcode, slot,
                g.tensors.get(index).shape()));
    }

    void resolve(int index, int opcode, int slot) {
        resolve(index, decide(index, opcode, slot));
    }

    /** Every weight no op read (written as the policy says for no consumer), before the model is finished. */
    void resolveRemaining() {
        for (Integer i : List.copyOf(pending.keySet())) resolve(i, -1, -1);
    }

    void resolve(int index, WeightEncoding e) {
        Pending p = pending.remove(index);
        Graph.TensorDef d = g.tensors.get(index);
        paramsByEncoding.merge(e, (long) p.data().length, Long::sum);
        bytes += (long) e.bytesPerValue() * p.data().length;
        switch (e) {
            case FP32 -> g.tensors.set(index, new Graph.TensorDef(d.name(), d.shape(), d.type(), g.addFloats(p.data()), null));
            case FP16_DEQUANT -> {
                float[] v = p.data();
                int buf = g.writer().addBuffer(2L * v.length, 2, (dst, from) -> Half.encode(v, (int) (from / 2), dst));
                dequantize(index, new Graph.TensorDef(d.name() + "/fp16", d.shape(), TensorType.FLOAT16, buf, null));
            }
            case INT8_DEQUANT_PER_CHANNEL -> perChannelDequant(index, d, p.data());
            default -> {
                float[] scales = Int8.scales(p.data(), d.shape()[0], e.perChannel());
                Graph.TensorDef q = new Graph.TensorDef(e.dequantized() ? d.name() + "/int8" : d.name(), d.shape(),
                        TensorType.INT8, g.addBuffer(Int8.quantize(p.data(), scales)), new Graph.QuantParams(scales, 0));
                if (e.dequantized()) dequantize(index, q);
                else g.tensors.set(index, q);
            }
        }
    }

    private void perChannelDequant(int index, Graph.TensorDef d, float[] data) {
        float[] scales = Int8.scales(data, d.shape()[0], true);
        if (!legacyForms) {
            // One DEQUANTIZE with per-channel scales (DEQUANTIZE version 5, registered by 2.16.1).
            dequantize(index, new Graph.TensorDef(d.name() + "/int8", d.shape(), TensorType.INT8,
                    g.addBuffer(Int8.quantize(data, scales)), new Graph.QuantParams(scales, 0)));
            return;
        }
        // 2.6.2's DEQUANTIZE ignores per-channel scales: int8 with scale 1, then a MUL by the scales.
        Graph.TensorDef q = new Graph.TensorDef(d.name() + "/int8", d.shape(), TensorType.INT8,
                g.addBuffer(Int8.quantize(data, scales)), new Graph.QuantParams(new float[] {1f}, 0));
        int[] scaleShape = new int[d.shape().length];
        Arrays.fill(scaleShape, 1);
        scaleShape[0] = d.shape()[0];
        T s = g.tensor(d.name() + "/scale", scaleShape, TensorType.FLOAT32, g.addFloats(scales));
        T unscaled = g.tensor(d.name() + "/unscaled", d.shape(), TensorType.FLOAT32, 0);
        dequantize(unscaled.index(), q);
        g.addOp(new Graph.OpDef(BuiltinOperator.MUL, new int[] {unscaled.index(), s.index()}, new int[] {index},
                BuiltinOptions.MulOptions, fb -> org.tensorflow.lite.schema.MulOptions.createMulOptions(fb, (byte) 0)));
    }

    /** Adds {@code stored} and a DEQUANTIZE op writing fp32 into the (already handed out) tensor {@code index}. */
    private void dequantize(int index, Graph.TensorDef stored) {
        g.tensors.add(stored);
        g.addOp(new Graph.OpDef(BuiltinOperator.DEQUANTIZE, new int[] {g.tensors.size() - 1}, new int[] {index},
                BuiltinOptions.NONE, null));
    }

    long bytes() {
        return bytes;
    }

    long params() {
        return params;
    }

    Map<WeightEncoding, Long> paramsByEncoding() {
        return Collections.unmodifiableMap(paramsByEncoding);
    }
}
