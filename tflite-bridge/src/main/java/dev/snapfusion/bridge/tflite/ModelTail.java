package dev.snapfusion.bridge.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;

/**
 * The small, weight-free part of a model (tensors, operators, operator codes, description), built with
 * the flatc-generated classes as a model of its own; {@link ModelWriter} points its header into it.
 */
final class ModelTail {
    private ModelTail() {
    }

    static byte[] build(Graph g) {
        FlatBufferBuilder fb = new FlatBufferBuilder(1 << 16);
        int[] tensors = new int[g.tensors.size()];
        for (int i = 0; i < tensors.length; i++) {
            Graph.TensorDef t = g.tensors.get(i);
            int name = fb.createString(t.name());
            int shape = Tensor.createShapeVector(fb, t.shape());
            int quant = t.quant() == null ? 0 : quantization(fb, t.quant());
            Tensor.startTensor(fb);
            Tensor.addShape(fb, shape);
            Tensor.addType(fb, t.type());
            Tensor.addBuffer(fb, t.buffer());
            Tensor.addName(fb, name);
            if (quant != 0) Tensor.addQuantization(fb, quant);
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
        Model.startModel(fb);
        Model.addVersion(fb, 3);
        Model.addOperatorCodes(fb, opCodes);
        Model.addSubgraphs(fb, subgraphs);
        Model.addDescription(fb, desc);
        Model.finishModelBuffer(fb, Model.endModel(fb));
        return fb.sizedByteArray();
    }

    private static int quantization(FlatBufferBuilder fb, Graph.QuantParams q) {
        int scale = QuantizationParameters.createScaleVector(fb, q.scale());
        int zero = QuantizationParameters.createZeroPointVector(fb, new long[q.scale().length]);
        QuantizationParameters.startQuantizationParameters(fb);
        QuantizationParameters.addScale(fb, scale);
        QuantizationParameters.addZeroPoint(fb, zero);
        QuantizationParameters.addQuantizedDimension(fb, q.axis());
        return QuantizationParameters.endQuantizationParameters(fb);
    }
}
