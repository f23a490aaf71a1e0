package dev.snapfusion.bridge.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.snapfusion.runner.bundle.OpCode;
import dev.snapfusion.runner.bundle.OpFloor;
import dev.snapfusion.runner.bundle.OpFloorException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.FullyConnectedOptions;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import org.tensorflow.lite.schema.TensorType;

class PhoneOpFloorTest {
    @TempDir
    Path dir;

    /** An operator code: builtin, version, custom name or null. */
    private record Code(int builtin, int version, String custom) {
    }

    /**
     * A model written with the flatc-generated schema classes: the given operator codes, and one FULLY_CONNECTED
     * x[1,4] · w[3,4] + b[3] (operator code 0) whose weight has {@code weightScales} int8 scales (0: a float32 weight).
     */
    private static ByteBuffer model(List<Code> codes, int weightScales) {
        FlatBufferBuilder fb = new FlatBufferBuilder(1024);
        int[] tensors = {
                tensor(fb, "x", TensorType.FLOAT32, 0, 1, 4),
                tensor(fb, "w", weightScales == 0 ? TensorType.FLOAT32 : TensorType.INT8, weightScales, 3, 4),
                tensor(fb, "b", TensorType.FLOAT32, 0, 3),
                tensor(fb, "y", TensorType.FLOAT32, 0, 1, 3)};
        int options = FullyConnectedOptions.createFullyConnectedOptions(fb, (byte) 0, (byte) 0, false, false);
        int in = Operator.createInputsVector(fb, new int[] {0, 1, 2}), out = Operator.createOutputsVector(fb, new int[] {3});
        Operator.startOperator(fb);
        Operator.addOpcodeIndex(fb, 0);
        Operator.addInputs(fb, in);
        Operator.addOutputs(fb, out);
        Operator.addBuiltinOptionsType(fb, BuiltinOptions.FullyConnectedOptions);
        Operator.addBuiltinOptions(fb, options);
        int op = Operator.endOperator(fb);
        int sg = SubGraph.createSubGraph(fb, SubGraph.createTensorsVector(fb, tensors), SubGraph.createInputsVector(fb, new int[] {0}),
                SubGraph.createOutputsVector(fb, new int[] {3}), SubGraph.createOperatorsVector(fb, new int[] {op}), fb.createString("g"));
        int[] oc = new int[codes.size()];
        for (int i = 0; i < oc.length; i++) {
            Code c = codes.get(i);
            oc[i] = OperatorCode.createOperatorCode(fb, (byte) Math.min(c.builtin(), 127), c.custom() == null ? 0 : fb.createString(c.custom()),
                    c.version(), c.builtin());
        }
        int m = Model.createModel(fb, 3, Model.createOperatorCodesVector(fb, oc), Model.createSubgraphsVector(fb, new int[] {sg}),
                fb.createString("hand"), 0, 0, 0, 0);
        Model.finishModelBuffer(fb, m);
        return fb.dataBuffer();
    }

    private static int tensor(FlatBufferBuilder fb, String name, byte type, int scales, int... shape) {
        int quant = 0;
        if (scales > 0) {
            float[] s = new float[scales];
            java.util.Arrays.fill(s, 0.01f);
            int sv = QuantizationParameters.createScaleVector(fb, s), zv = QuantizationParameters.createZeroPointVector(fb, new long[scales]);
            QuantizationParameters.startQuantizationParameters(fb);
            QuantizationParameters.addScale(fb, sv);
            QuantizationParameters.addZeroPoint(fb, zv);
            quant = QuantizationParameters.endQuantizationParameters(fb);
        }
        int n = fb.createString(name), sh = Tensor.createShapeVector(fb, shape);
        Tensor.startTensor(fb);
        Tensor.addShape(fb, sh);
        Tensor.addType(fb, type);
        Tensor.addName(fb, n);
        if (quant != 0) Tensor.addQuantization(fb, quant);
        return Tensor.endTensor(fb);
    }

    @Test
    void check_handMadeModel_reportsEveryPairTheTableLacksAndCustomOps() throws Exception {
        ByteBuffer m = model(List.of(new Code(BuiltinOperator.FULLY_CONNECTED, 12, null), new Code(BuiltinOperator.GELU, 3, null),
                new Code(OpCode.CUSTOM, 1, "MyOp"), new Code(BuiltinOperator.ADD, 1, null)), 0);
        Path file = dir.resolve("hand.tflite");
        byte[] bytes = new byte[m.remaining()];
        m.duplicate().get(bytes);
        Files.write(file, bytes);

        PhoneOpReport r = PhoneOpFloor.check(file);
        assertThat(r.loadable()).isFalse();
        assertThat(r.refusals()).containsExactly(
                "FULLY_CONNECTED version 12 (TFLite 2.16.1 registers versions 1–11)",
                "GELU version 3 (TFLite 2.16.1 registers versions 1–2)",
                "custom op 'MyOp' version 1 (the runner registers no custom ops; write it with builtin ops)");
        assertThat(r.ops()).extracting(PhoneOpReport.OpUse::toString)
                .containsExactly("FULLY_CONNECTED v12", "GELU v3", "CUSTOM MyOp v1", "ADD v1");
        assertThatThrownBy(r::requireLoadable).isInstanceOf(OpFloorException.class)
                .hasMessageContaining(file + ": FULLY_CONNECTED version 12").hasMessageContaining(file + ": GELU version 3")
                .hasMessageContaining(file + ": custom op 'MyOp'");
        // the runner side's hand reader sees the same table as the schema classes
        assertThat(OpFloor.operatorCodes(file)).containsExactly(new OpCode(BuiltinOperator.FULLY_CONNECTED, 12, null),
                new OpCode(BuiltinOperator.GELU, 3, null), new OpCode(OpCode.CUSTOM, 1, "MyOp"), new OpCode(BuiltinOperator.ADD, 1, null));
    }

    @Test
    void check_hybridPerChannelFullyConnectedWrittenV3_isRefusedBecauseItsTensorsNeedV12() {
        PhoneOpReport r = PhoneOpFloor.check("fc.tflite", model(List.of(new Code(BuiltinOperator.FULLY_CONNECTED, 3, null)), 3));
        assertThat(r.refusals()).containsExactly("FULLY_CONNECTED is written as version 3, but its tensors need version 12 "
                + "(float input, int8 per-channel weights (hybrid)): TFLite 2.16.1 registers versions 1–11");
    }

    @Test
    void check_hybridPerTensorFullyConnectedWrittenV1_loadsButIsUnderstated() {
        PhoneOpReport r = PhoneOpFloor.check("fc.tflite", model(List.of(new Code(BuiltinOperator.FULLY_CONNECTED, 1, null)), 1));
        assertThat(r.loadable()).isTrue();
        assertThat(r.understated()).containsExactly(
                "FULLY_CONNECTED is written as version 1; its tensors need version 3 (float input, int8 weights (hybrid))");
        r.requireLoadable();
    }

    @Test
    void check_floatFullyConnected_needsV1() {
        PhoneOpReport r = PhoneOpFloor.check("fc.tflite", model(List.of(new Code(BuiltinOperator.FULLY_CONNECTED, 1, null)), 0));
        assertThat(r.ops()).singleElement().satisfies(u -> {
            assertThat(u.needed()).isEqualTo(1);
            assertThat(u.operators()).isEqualTo(1);
        });
        assertThat(r.understated()).isEmpty();
    }

    /** A conv, a linear and a matmul against a constant, each weight stored as {@code e}; everything else fp32. */
    private static Graph matmuls(WeightEncoding e) {
        Random rnd = new Random(1);
        Graph g = new Graph("m").weightFormat(WeightFormat.of(e.name(), u -> u.isMatmulWeight() ? e : WeightEncoding.FP32));
        T x = g.input("x", 1, 4, 4, 2);
        T conv = g.conv2d(x, g.weight("conv.w", floats(rnd, 3 * 3 * 3 * 2), 3, 3, 3, 2), g.weight("conv.b", new float[3], 3), 1, 1);
        T fc = g.fullyConnected(g.reshape(conv, 16, 3), g.weight("fc.w", floats(rnd, 5 * 3), 5, 3), g.weight("fc.b", new float[5], 5));
        T bmm = g.batchMatMul(g.reshape(fc, 1, 16, 5), g.weight("bmm.w", floats(rnd, 5 * 2), 1, 5, 2), false);
        g.output("y", bmm);
        g.toFlatbuffer();
        return g;
    }

    private static float[] floats(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    private static Map<String, Integer> needed(PhoneOpReport r) {
        Map<String, Integer> m = new TreeMap<>();
        for (PhoneOpReport.OpUse u : r.ops()) if (u.needed() > 1) m.put(u.op(), u.needed());
        return m;
    }

    @Test
    void check_everyWeightEncoding_neededVersionsFollowOpVersionCc() {
        Map<WeightEncoding, Map<String, Integer>> got = new java.util.EnumMap<>(WeightEncoding.class);
        for (WeightEncoding e : WeightEncoding.values()) {
            Graph g = matmuls(e);
            PhoneOpReport fromGraph = PhoneOpFloor.check("m.tflite", g);
            PhoneOpReport fromBytes = PhoneOpFloor.check("m.tflite", ByteBuffer.wrap(g.toFlatbuffer()));
            assertThat(fromGraph).as(e.name()).isEqualTo(fromBytes);
            assertThat(fromGraph.loadable()).as(e.name()).isTrue();
            assertThat(fromGraph.ops()).as("the project writes version 1 everywhere").allMatch(u -> u.written() == 1);
            got.put(e, needed(fromGraph));
        }
        assertThat(got).containsExactlyInAnyOrderEntriesOf(Map.of(
                WeightEncoding.FP32, Map.of(),
                WeightEncoding.FP16_DEQUANT, Map.of("DEQUANTIZE", 3),
                // the BATCH_MATMUL is hybrid here too, but without asymmetric inputs TFLite keeps it at version 1
                WeightEncoding.INT8_HYBRID_PER_TENSOR, Map.of("CONV_2D", 2, "FULLY_CONNECTED", 3),
                // the per-channel linear is written as a 1x1 CONV_2D (Graph.fullyConnectedAsConv)
                WeightEncoding.INT8_HYBRID_PER_CHANNEL, Map.of("CONV_2D", 5),
                WeightEncoding.INT8_DEQUANT_PER_TENSOR, Map.of("DEQUANTIZE", 2),
                // per-channel int8 is stored as per-tensor (scale 1) + DEQUANTIZE + MUL by the scales
                WeightEncoding.INT8_DEQUANT_PER_CHANNEL, Map.of("DEQUANTIZE", 5)));   // one per-channel DEQUANTIZE (session 3)
    }

    @Test
    void check_graphNotWrittenYet_isRefused() {
        Graph g = new Graph("open");
        g.output("y", g.logistic(g.input("x", 1, 2)));
        assertThatThrownBy(() -> PhoneOpFloor.check("open.tflite", g)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("open is not written yet");
    }

    @Test
    void check_narrowerRuntime_refusesWhatItLacks() {
        List<OpFloor.Range> ranges = new ArrayList<>(OpFloor.phone().ranges().values());
        ranges.removeIf(r -> r.builtin() == BuiltinOperator.LOGISTIC);
        Graph g = new Graph("sig");
        g.output("y", g.logistic(g.input("x", 1, 2)));
        g.toFlatbuffer();
        PhoneOpReport r = PhoneOpFloor.check("sig.tflite", g, OpFloor.of("TFLite test", ranges));
        assertThat(r.refusals()).containsExactly("LOGISTIC version 1 (TFLite test registers no such operator)");
        assertThat(r.ops()).extracting(PhoneOpReport.OpUse::op).containsExactly("LOGISTIC");
    }
}
