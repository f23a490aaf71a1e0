package dev.snapfusion.bridge.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;

/** Turns a {@link Graph} into .tflite bytes with the flatc-generated schema classes. */
final class FlatbufferWriter {
    /** Buffer data alignment: the Java builder ignores the schema's force_align, so we align by hand. */
    private static final int ALIGN = 16;
    private static final int SCHEMA_VERSION = 3;

    private FlatbufferWriter() {
    }

    static byte[] write(Graph g) {
        long payload = 0;
        for (ByteBuffer b : g.buffers) if (b != null) payload += b.remaining() + ALIGN;
        if (payload > Integer.MAX_VALUE - (64 << 20)) {
            throw new IllegalArgumentException(g.name + ": " + payload + " bytes of weights exceed the 2 GB flatbuffer limit; split it");
        }
        FlatBufferBuilder fb = new FlatBufferBuilder((int) Math.min(Integer.MAX_VALUE - 8, payload + (1 << 20)));

        int[] buffers = new int[g.buffers.size()];
        for (int i = g.buffers.size() - 1; i >= 0; i--) {
            ByteBuffer data = g.buffers.get(i);
            int vec = 0;
            if (data != null) {
                ByteBuffer dst = fb.createUnintializedVector(1, data.remaining(), ALIGN);
                dst.put(data.duplicate());
                vec = fb.endVector();
            }
            Buffer.startBuffer(fb);
            if (data != null) Buffer.addData(fb, vec);
            buffers[i] = Buffer.endBuffer(fb);
        }

        int[] tensors = new int[g.tensors.size()];
        for (int i = 0; i < tensors.length; i++) {
            Graph.TensorDef t = g.tensors.get(i);
            int name = fb.createString(t.name());
            int shape = Tensor.createShapeVector(fb, t.shape());
            Tensor.startTensor(fb);
            Tensor.addShape(fb, shape);
            Tensor.addType(fb, t.type());
            Tensor.addBuffer(fb, t.buffer());
            Tensor.addName(fb, name);
            tensors[i] = Tensor.endTensor(fb);
        }

        Map<Integer, Integer> opcodeIndex = new LinkedHashMap<>();
        int[] ops = new int[g.ops.size()];
        for (int i = 0; i < ops.length; i++) {
            Graph.OpDef op = g.ops.get(i);
            int idx = opcodeIndex.computeIfAbsent(op.opcode(), k -> opcodeIndex.size());
            int options = op.options() == null ? 0 : op.options().applyAsInt(fb);
            int in = Operator.createInputsVector(fb, op.inputs());
            int out = Operator.createOutputsVector(fb, op.outputs());
            Operator.startOperator(fb);
            Operator.addOpcodeIndex(fb, idx);
            Operator.addInputs(fb, in);
            Operator.addOutputs(fb, out);
            if (op.options() != null) {
                Operator.addBuiltinOptionsType(fb, op.optionsType());
                Operator.addBuiltinOptions(fb, options);
            }
            ops[i] = Operator.endOperator(fb);
        }

        int sgName = fb.createString(g.name);
        int sgTensors = SubGraph.createTensorsVector(fb, tensors);
        int sgInputs = SubGraph.createInputsVector(fb, g.inputs.stream().mapToInt(Integer::intValue).toArray());
        int sgOutputs = SubGraph.createOutputsVector(fb, g.outputs.stream().mapToInt(Integer::intValue).toArray());
        int sgOps = SubGraph.createOperatorsVector(fb, ops);
        int subgraph = SubGraph.createSubGraph(fb, sgTensors, sgInputs, sgOutputs, sgOps, sgName);

        int[] codes = new int[opcodeIndex.size()];
        for (Map.Entry<Integer, Integer> e : opcodeIndex.entrySet()) {
            int code = e.getKey();
            // Both fields: 2.6.2 reads max(deprecated_builtin_code, builtin_code).
            codes[e.getValue()] = OperatorCode.createOperatorCode(fb, (byte) Math.min(code, 127), 0, 1, code);
        }
        int opCodes = Model.createOperatorCodesVector(fb, codes);
        int subgraphs = Model.createSubgraphsVector(fb, new int[] {subgraph});
        int desc = fb.createString("snapfusion-studio");
        int bufs = Model.createBuffersVector(fb, buffers);
        Model.startModel(fb);
        Model.addVersion(fb, SCHEMA_VERSION);
        Model.addOperatorCodes(fb, opCodes);
        Model.addSubgraphs(fb, subgraphs);
        Model.addDescription(fb, desc);
        Model.addBuffers(fb, bufs);
        Model.finishModelBuffer(fb, Model.endModel(fb));
        return fb.sizedByteArray();
    }
}
