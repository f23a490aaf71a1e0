package dev.snapfusion.bridge.tflite;

import java.util.Optional;
import org.tensorflow.lite.schema.BatchMatMulOptions;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.DepthwiseConv2DOptions;
import org.tensorflow.lite.schema.FullyConnectedOptions;
import org.tensorflow.lite.schema.GatherOptions;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.ResizeNearestNeighborOptions;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import org.tensorflow.lite.schema.TensorType;

/**
 * The version TFLite's own converter gives an operator for the tensors and options it is used with: the rules of
 * {@code tensorflow/lite/tools/versioning/op_version.cc} ({@code GetBuiltinOperatorVersion}) and
 * {@code op_signature.cc} (per-channel and grouped-conv flags) for the operators this project writes, in the
 * order TFLite tests them. Operators and type combinations not modeled give no claim (empty). Rules whose inputs
 * the 0.4.4 schema classes cannot read (quantized_bias_type, int16 "input_quantized") are left out; they concern
 * int16 models, which the project does not write. docs/phone-floor.md lists what is covered.
 */
final class NeededVersions {
    /** A version and the tensor types or options that require it. */
    record Need(int version, String why) {
    }

    private static final byte NONE = -1;

    private NeededVersions() {
    }

    static Optional<Need> of(int builtin, SubGraph g, Operator op) {
        Sig s = new Sig(g, op);
        return Optional.ofNullable(switch (builtin) {
            case BuiltinOperator.CONV_2D -> conv2d(s);
            case BuiltinOperator.DEPTHWISE_CONV_2D -> depthwise(s, op);
            case BuiltinOperator.FULLY_CONNECTED -> fullyConnected(s, op);
            case BuiltinOperator.BATCH_MATMUL -> batchMatMul(s, op);
            case BuiltinOperator.DEQUANTIZE -> dequantize(s);
            case BuiltinOperator.GELU -> s.in(0) == TensorType.INT8 || s.in(0) == TensorType.UINT8
                    ? new Need(2, "int8 input") : floatOnly(s);
            case BuiltinOperator.GATHER -> gather(s, op);
            case BuiltinOperator.RESIZE_NEAREST_NEIGHBOR -> resizeNearest(s, op);
            case BuiltinOperator.TRANSPOSE -> s.rank(0) > 5 ? new Need(6, "rank " + s.rank(0) + " input")
                    : s.rank(0) > 4 && s.in(0) != TensorType.INT16 ? new Need(4, "rank 5 input") : floatOnly(s);
            case BuiltinOperator.PAD -> s.rank(0) > 4 ? new Need(4, "rank " + s.rank(0) + " input") : floatOnly(s);
            case BuiltinOperator.SLICE -> s.rank(0) > 4 && s.in(0) == TensorType.FLOAT32 ? new Need(5, "rank " + s.rank(0) + " input") : floatOnly(s);
            case BuiltinOperator.SUB -> s.in(0) == TensorType.FLOAT32 && s.broadcastOver4() ? new Need(3, "broadcast over more than 4 dimensions") : floatOnly(s);
            case BuiltinOperator.DIV -> s.broadcastOver4() ? new Need(2, "broadcast over more than 4 dimensions") : floatOnly(s);
            case BuiltinOperator.ADD, BuiltinOperator.MUL, BuiltinOperator.SQUARED_DIFFERENCE, BuiltinOperator.LOGISTIC,
                 BuiltinOperator.TANH, BuiltinOperator.RSQRT, BuiltinOperator.MEAN, BuiltinOperator.SOFTMAX,
                 BuiltinOperator.CONCATENATION, BuiltinOperator.AVERAGE_POOL_2D, BuiltinOperator.RESHAPE -> floatOnly(s);
            default -> null;
        });
    }

    /** The float32 case, version 1, for operators whose higher versions are all about other input types. */
    private static Need floatOnly(Sig s) {
        return s.in(0) == TensorType.FLOAT32 ? new Need(1, "float32") : null;
    }

    private static Need conv2d(Sig s) {
        if (s.rank(0) == 4 && s.rank(1) == 4 && s.dim(0, 3) != s.dim(1, 3)) return new Need(6, "grouped convolution");
        if (s.in(0) == TensorType.INT16 && s.in(1) == TensorType.INT16 && s.out(0) == TensorType.INT16) return new Need(4, "int16");
        if (s.in(0) == TensorType.INT8 && s.in(1) == TensorType.INT8 && s.out(0) == TensorType.INT8) return new Need(3, "int8");
        if (s.in(0) == TensorType.INT8 && s.in(1) == TensorType.INT4 && s.out(0) == TensorType.INT8) return new Need(7, "int4 filter");
        if (s.hybrid()) {
            // op_signature.cc: per-channel when the filter has one scale per output channel (dimension 0)
            return s.scales(1) > 0 && s.scales(1) == s.dim(1, 0)
                    ? new Need(5, "float input, int8 per-channel filter (hybrid)") : new Need(2, "float input, int8 filter (hybrid)");
        }
        return s.in(0) == TensorType.FLOAT32 && s.in(1) == TensorType.FLOAT32 ? new Need(1, "float32") : null;
    }

    private static Need depthwise(Sig s, Operator op) {
        if (s.in(0) == TensorType.INT16 && s.in(1) == TensorType.INT16 && s.out(0) == TensorType.INT16) return new Need(5, "int16");
        if (s.hybrid()) {
            return s.scales(1) > 0 && s.scales(1) == s.dim(1, 3)
                    ? new Need(6, "float input, int8 per-channel filter (hybrid)") : new Need(4, "float input, int8 filter (hybrid)");
        }
        if (s.in(0) == TensorType.INT8 && s.in(1) == TensorType.INT8 && s.out(0) == TensorType.INT8) return new Need(3, "int8");
        if (s.in(0) == TensorType.INT8 && s.in(1) == TensorType.INT4 && s.out(0) == TensorType.INT8) return new Need(7, "int4 filter");
        DepthwiseConv2DOptions o = (DepthwiseConv2DOptions) op.builtinOptions(new DepthwiseConv2DOptions());
        if (o != null && (o.dilationWFactor() != 1 || o.dilationHFactor() != 1)) return new Need(2, "dilation");
        return floatOnly(s);
    }

    private static Need fullyConnected(Sig s, Operator op) {
        FullyConnectedOptions o = (FullyConnectedOptions) op.builtinOptions(new FullyConnectedOptions());
        // op_signature.cc: per-channel when there is more than one scale, one per output row (dimension 0)
        boolean perChannel = s.scales(1) > 1 && s.scales(1) == s.dim(1, 0);
        if (s.hybrid() && perChannel) return new Need(12, "float input, int8 per-channel weights (hybrid)");
        if (s.sparse(1)) return new Need(8, "sparse weights");
        if (s.in(0) == TensorType.INT16 && s.in(1) == TensorType.INT16 && s.out(0) == TensorType.INT16) return new Need(7, "int16");
        if (op.inputsLength() == 2) return new Need(6, "no bias input");
        if (o != null && o.keepNumDims()) return new Need(5, "keep_num_dims");
        if (s.in(0) == TensorType.INT8 && s.in(1) == TensorType.INT8 && s.out(0) == TensorType.INT8) return new Need(4, "int8");
        if (s.in(0) == TensorType.INT8 && s.in(1) == TensorType.INT4 && s.out(0) == TensorType.INT8) return new Need(10, "int4 weights");
        if (s.hybrid()) {
            return o != null && o.asymmetricQuantizeInputs()
                    ? new Need(9, "float input, int8 weights (hybrid, asymmetric inputs)") : new Need(3, "float input, int8 weights (hybrid)");
        }
        if (o != null && o.weightsFormat() != 0) return new Need(2, "shuffled weights");
        return s.in(0) == TensorType.FLOAT32 ? new Need(1, "float32") : null;
    }

    private static Need batchMatMul(Sig s, Operator op) {
        if (s.in(0) == TensorType.INT16) return new Need(3, "int16");
        if (s.in(0) == TensorType.INT8) return new Need(2, "int8");
        if (s.hybrid()) {
            BatchMatMulOptions o = (BatchMatMulOptions) op.builtinOptions(new BatchMatMulOptions());
            return o != null && o.asymmetricQuantizeInputs()
                    ? new Need(4, "float input, int8 right-hand side (hybrid, asymmetric inputs)") : new Need(1, "float input, int8 right-hand side (hybrid)");
        }
        return floatOnly(s);
    }

    private static Need dequantize(Sig s) {
        byte t = s.in(0);
        if (t == TensorType.INT4) return new Need(6, "int4 input");
        if (t == TensorType.INT16 || t == TensorType.FLOAT16) return new Need(3, TensorType.name(t).toLowerCase(java.util.Locale.ROOT) + " input");
        if (t == TensorType.INT8) {
            // op_signature.cc: per-channel when there is more than one scale, one per slice of quantized_dimension
            int axis = s.quantizedDimension(0);
            return s.scales(0) > 1 && s.scales(0) == s.dim(0, axis)
                    ? new Need(5, "int8 per-channel input") : new Need(2, "int8 input");
        }
        return t == TensorType.UINT8 ? new Need(1, "uint8 input") : null;
    }

    private static Need gather(Sig s, Operator op) {
        if (s.in(0) == TensorType.INT4) return new Need(7, "int4 params");
        if (s.in(1) == TensorType.INT16) return new Need(6, "int16 indices");
        GatherOptions o = (GatherOptions) op.builtinOptions(new GatherOptions());
        if (o != null && o.batchDims() != 0) return new Need(5, "batch_dims");
        if (s.in(0) == TensorType.INT16) return new Need(4, "int16 params");
        if (s.in(0) == TensorType.BOOL) return new Need(3, "bool params");
        if (s.in(0) == TensorType.INT8) return new Need(2, "int8 params");
        return floatOnly(s);
    }

    private static Need resizeNearest(Sig s, Operator op) {
        if (s.in(0) == TensorType.INT16) return new Need(4, "int16");
        ResizeNearestNeighborOptions o = (ResizeNearestNeighborOptions) op.builtinOptions(new ResizeNearestNeighborOptions());
        if (o != null && (o.halfPixelCenters() || o.alignCorners())) return new Need(3, "half_pixel_centers or align_corners");
        if (s.in(0) == TensorType.INT8) return new Need(2, "int8");
        return floatOnly(s);
    }

    /** An operator's signature: the types, shapes and quantization of its tensors. */
    private static final class Sig {
        private final SubGraph g;
        private final Operator op;

        Sig(SubGraph g, Operator op) {
            this.g = g;
            this.op = op;
        }

        private Tensor input(int i) {
            if (i >= op.inputsLength() || op.inputs(i) < 0) return null;
            return g.tensors(op.inputs(i));
        }

        byte in(int i) {
            Tensor t = input(i);
            return t == null ? NONE : t.type();
        }

        byte out(int i) {
            return i < op.outputsLength() && op.outputs(i) >= 0 ? g.tensors(op.outputs(i)).type() : NONE;
        }

        int rank(int i) {
            Tensor t = input(i);
            return t == null ? 0 : t.shapeLength();
        }

        int dim(int i, int d) {
            Tensor t = input(i);
            return t == null || d >= t.shapeLength() ? -1 : t.shape(d);
        }

        int scales(int i) {
            Tensor t = input(i);
            QuantizationParameters q = t == null ? null : t.quantization();
            return q == null ? 0 : q.scaleLength();
        }

        int quantizedDimension(int i) {
            Tensor t = input(i);
            QuantizationParameters q = t == null ? null : t.quantization();
            return q == null ? 0 : q.quantizedDimension();
        }

        boolean sparse(int i) {
            Tensor t = input(i);
            return t != null && t.sparsity() != null;
        }

        /** float32 input, int8 weights, float32 output: TFLite's "hybrid" (dynamic range) kernels. */
        boolean hybrid() {
            return in(0) == TensorType.FLOAT32 && in(1) == TensorType.INT8 && out(0) == TensorType.FLOAT32;
        }

        /** op_version.cc NeedBroadcastForBinaryInputs && GetInputMaxDims > 4. */
        boolean broadcastOver4() {
            Tensor a = input(0), b = input(1);
            if (a == null || b == null) return false;
            boolean same = a.shapeLength() == b.shapeLength();
            for (int d = 0; same && d < a.shapeLength(); d++) same = a.shape(d) == b.shape(d);
            return !same && Math.max(a.shapeLength(), b.shapeLength()) > 4;
        }
    }
}
