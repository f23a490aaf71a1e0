package dev.snapfusion.bridge.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.TensorType;
import com.google.flatbuffers.FlatBufferBuilder;

/**
 * A single TFLite subgraph under construction, with static shapes. The ops offered run correctly on the phone's
 * TFLite 2.16.1 and the desktop's 2.21; the 2.6.2 workarounds that 2.16.1 still needs are kept (docs/decisions.md,
 * "Session 3: 2.6.2 workarounds against 2.16.1"). Everything is kept at rank 4 or less because 5-D broadcasts
 * abort the 2.6.2 runtime. Not thread-safe.
 *
 * <pre>{@code
 * Graph g = new Graph("demo");
 * T x = g.input("x", 1, 8, 8, 4);
 * g.output("y", g.logistic(x));
 * byte[] tflite = g.toFlatbuffer();
 * }</pre>
 */
public final class Graph {
    record TensorDef(String name, int[] shape, byte type, int buffer, QuantParams quant) {
    }

    /** Symmetric int8 parameters: one scale per channel along {@code axis}, or one scale (zero points are 0). */
    record QuantParams(float[] scale, int axis) {
    }

    record OpDef(int opcode, int[] inputs, int[] outputs, byte optionsType, ToIntFunction<FlatBufferBuilder> options) {
    }

    final String name;
    final List<TensorDef> tensors = new ArrayList<>();
    final List<OpDef> ops = new ArrayList<>();
    final List<Integer> inputs = new ArrayList<>();
    final List<Integer> outputs = new ArrayList<>();
    private final WeightStore weights = new WeightStore(this);
    /** Linear weights stored as per-channel 1×1 conv kernels (see {@link #fullyConnectedAsConv}). */
    private final Set<Integer> convLinears = new HashSet<>();
    private final Map<String, Long> flopsByScope = new LinkedHashMap<>();
    private final Map<String, Integer> opsByType = new TreeMap<>();
    private WeightFormat weightFormat = WeightFormat.FP32;
    private ModelWriter writer;
    private byte[] finished;
    private String scope;
    private long flops;
    private int tmp;
    /** Set to true, every new graph writes the 2.6.2 forms (see {@link #legacyForms}); for before/after runs only. */
    static final String LEGACY_FORMS_PROPERTY = "snapfusion.graph.legacy262";
    private boolean directHybrid;

    public Graph(String name) {
        this.name = name;
        this.scope = name;
    }

    /** Sets how weights are stored; call before the first weight or constant. */
    WeightFormat weightFormat() {
        return weightFormat;
    }

    public Graph weightFormat(WeightFormat f) {
        if (writer != null) throw new IllegalStateException(name + ": weight format set after constants were written");
        this.weightFormat = f;
        return this;
    }

    /**
     * Writes the TFLite 2.6.2 forms that 2.16.1 no longer needs (per-channel int8 DEQUANTIZE as scale-1 int8 + MUL),
     * so that they can be measured against the current ones (docs/decisions.md, "Session 3: 2.6.2 workarounds against
     * 2.16.1"); call before the first weight.
     */
    Graph legacyForms(boolean on) {
        weights.legacyForms(on);
        return this;
    }

    /**
     * Writes int8-dynamic linears and 1×1 convs as plain FULLY_CONNECTED / [1,H,W,C] CONV_2D instead of the
     * rows-on-the-batch-axis 1×1 conv forms; only to measure those forms (see {@link #legacyForms}).
     */
    Graph directHybrid(boolean on) {
        this.directHybrid = on;
        return this;
    }

    /**
     * Names the block the following ops and weights belong to (e.g. {@code stem.conv_in}); recipes match
     * their overrides against it and the FLOPs are counted per scope. Defaults to the graph's name.
     */
    public Graph scope(String scope) {
        this.scope = scope;
        return this;
    }

    public long weightBytes() {
        return weights.bytes();
    }

    /** Multiply-adds × 2 of the conv, fully-connected and matmul ops emitted so far. */
    public long flops() {
        return flops;
    }

    /** {@link #flops()} by {@link #scope(String)}, in emission order. */
    public Map<String, Long> flopsByScope() {
        return Collections.unmodifiableMap(flopsByScope);
    }

    /** Operator counts by TFLite builtin name (DEQUANTIZE included). */
    public Map<String, Integer> opsByType() {
        return Collections.unmodifiableMap(opsByType);
    }

    /** Learned parameters by how they were stored (resolved weights only). */
    public Map<WeightEncoding, Long> paramsByEncoding() {
        return weights.paramsByEncoding();
    }

    /** Learned parameters (elements of {@link #weight} tensors) emitted so far. */
    public long params() {
        return weights.params();
    }

    public int opCount() {
        return ops.size();
    }

    public String name() {
        return name;
    }

    /** Whether the model has been written (every weight's storage type is then fixed). */
    boolean written() {
        return finished != null;
    }

    // ---- tensors -------------------------------------------------------------------------------

    public T input(String name, int... shape) {
        T t = tensor(name, shape, TensorType.FLOAT32, 0);
        inputs.add(t.index());
        return t;
    }

    public T inputInt32(String name, int... shape) {
        T t = tensor(name, shape, TensorType.INT32, 0);
        inputs.add(t.index());
        return t;
    }

    public void output(String name, T t) {
        TensorDef d = tensors.get(t.index());
        tensors.set(t.index(), new TensorDef(name, d.shape(), d.type(), d.buffer(), d.quant()));
        outputs.add(t.index());
    }

    /** A float constant (activations-side, e.g. a position table or a mask): always stored as fp32. */
    public T constant(String name, float[] data, int... shape) {
        check(data.length == count(shape), "constant " + name + ": " + data.length + " values for shape " + Arrays.toString(shape));
        return tensor(name, shape, TensorType.FLOAT32, addFloats(data));
    }

    /**
     * A learned weight. Its encoding (fp32, fp16, int8 hybrid or int8 + DEQUANTIZE) is chosen by the
     * graph's {@link WeightPolicy} when the first op reading it is emitted, and its data is written out
     * (streamed, with {@link WeightFormat#streamingTo}) at that moment; {@code data} is not kept.
     */
    public T weight(String name, float[] data, int... shape) {
        check(data.length == count(shape), "weight " + name + ": " + data.length + " values for shape " + Arrays.toString(shape));
        T t = tensor(name, shape, TensorType.FLOAT32, 0);
        weights.add(t.index(), name, data, scope);
        return t;
    }

    /** Float data copied piecewise into the output (no intermediate copy of a big weight). */
    int addFloats(float[] data) {
        return writer().addBuffer(4L * data.length, 4, (dst, from) -> dst.asFloatBuffer().put(data, (int) (from / 4), dst.remaining() / 4));
    }

    public T constInt32(String name, int... data) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : data) b.putInt(v);
        return tensor(name, new int[] {data.length}, TensorType.INT32, addBuffer(b));
    }

    int addBuffer(ByteBuffer b) {
        if (b.position() != 0) b.flip();
        return writer().addBuffer(b);
    }

    ModelWriter writer() {
        if (finished != null) throw new IllegalStateException(name + " is already written");
        if (writer == null) {
            writer = weightFormat.output().map(ch -> ModelWriter.toFile(name, ch)).orElseGet(() -> ModelWriter.inMemory(name));
        }
        return writer;
    }

    T tensor(String name, int[] shape, byte type, int buffer) {
        tensors.add(new TensorDef(name, shape.clone(), type, buffer, null));
        return new T(tensors.size() - 1, shape.clone());
    }

    /**
     * An activation, named {@code <scope>/t<n>}: in the whole UNet the scope is the block id, so an op profile can give
     * each op to its block by its output's name (docs/op-profile.md). Other graphs keep their name as the scope.
     */
    private T act(int[] shape) {
        return tensor(scope + "/t" + tmp++, shape, TensorType.FLOAT32, 0);
    }

    private T op(int opcode, int[] in, T out, byte optType, ToIntFunction<FlatBufferBuilder> opts) {
        for (int slot = 0; slot < in.length; slot++) if (weights.isPending(in[slot])) weights.resolve(in[slot], opcode, slot);
        addOp(new OpDef(opcode, in, new int[] {out.index()}, optType, opts));
        return out;
    }

    void addOp(OpDef op) {
        ops.add(op);
        opsByType.merge(BuiltinOperator.name(op.opcode()), 1, Integer::sum);
    }

    private void countFlops(long f) {
        flops += f;
        flopsByScope.merge(scope, f, Long::sum);
    }

    // ---- ops (TFLite semantics, NHWC) ---------------------------------------------------------

    /** 2-D convolution; {@code w} is OHWI. With {@code pad > 0} an explicit PAD precedes a VALID conv (PyTorch padding). */
    public T conv2d(T x, T w, T b, int stride, int pad) {
        if (w.dim(1) == 1 && w.dim(2) == 1 && stride == 1 && pad == 0 && x.dim(0) == 1 && x.dim(1) * x.dim(2) > 1 && !directHybrid && hybrid(w)) {
            return pointwiseHybrid(x, w, b);
        }
        if (pad > 0) x = pad(x, pad, pad, pad, pad);
        int kh = w.dim(1), kw = w.dim(2);
        check(x.dim(3) == w.dim(3), "conv2d: input has " + x.dim(3) + " channels, weight expects " + w.dim(3));
        int oh = (x.dim(1) - kh) / stride + 1, ow = (x.dim(2) - kw) / stride + 1;
        T out = act(new int[] {x.dim(0), oh, ow, w.dim(0)});
        countFlops(2L * oh * ow * w.dim(0) * kh * kw * w.dim(3) * x.dim(0));
        return op(BuiltinOperator.CONV_2D, new int[] {x.index(), w.index(), b.index()}, out, BuiltinOptions.Conv2DOptions,
                fb -> org.tensorflow.lite.schema.Conv2DOptions.createConv2DOptions(fb,
                        org.tensorflow.lite.schema.Padding.VALID, stride, stride, (byte) 0, 1, 1));
    }

    /**
     * y = x · wᵀ + b with x [N, in], w [out, in] (PyTorch Linear layout); b may be null. A weight the policy
     * encodes as {@link WeightEncoding#INT8_HYBRID_PER_CHANNEL} is written as a 1×1 CONV_2D instead (see
     * {@link #fullyConnectedAsConv}); every other encoding keeps FULLY_CONNECTED.
     */
    public T fullyConnected(T x, T w, T b) {
        check(x.rank() == 2 && x.dim(1) == w.dim(1), "fully_connected: input " + x + " vs weight " + w);
        if (weights.isPending(w.index()) && !directHybrid
                && weights.decide(w.index(), BuiltinOperator.FULLY_CONNECTED, 1) == WeightEncoding.INT8_HYBRID_PER_CHANNEL) {
            TensorDef d = tensors.get(w.index());
            tensors.set(w.index(), new TensorDef(d.name(), new int[] {w.dim(0), 1, 1, w.dim(1)}, d.type(), d.buffer(), d.quant()));
            weights.resolve(w.index(), WeightEncoding.INT8_HYBRID_PER_CHANNEL);
            convLinears.add(w.index());
        }
        if (convLinears.contains(w.index())) return fullyConnectedAsConv(x, w, b);
        T out = act(new int[] {x.dim(0), w.dim(0)});
        countFlops(2L * x.dim(0) * w.dim(0) * w.dim(1));
        int[] in = b == null ? new int[] {x.index(), w.index(), -1} : new int[] {x.index(), w.index(), b.index()};
        return op(BuiltinOperator.FULLY_CONNECTED, in, out, BuiltinOptions.FullyConnectedOptions,
                fb -> org.tensorflow.lite.schema.FullyConnectedOptions.createFullyConnectedOptions(fb, (byte) 0, (byte) 0, false, false));
    }

    /** Whether pending weight {@code w}, read by a CONV_2D, goes to a hybrid int8 kernel. */
    private boolean hybrid(T w) {
        if (!weights.isPending(w.index())) return false;
        WeightEncoding e = weights.decide(w.index(), BuiltinOperator.CONV_2D, 1);
        return e == WeightEncoding.INT8_HYBRID_PER_CHANNEL || e == WeightEncoding.INT8_HYBRID_PER_TENSOR;
    }

    /**
     * A hybrid 1×1 conv on [1, H, W, C] runs on [H·W, 1, 1, C]: the same arithmetic, but the hybrid kernel
     * quantizes its input once per batch entry, so every pixel gets its own activation scale instead of one for
     * the whole map (one outlier pixel no longer coarsens the others).
     */
    private T pointwiseHybrid(T x, T w, T b) {
        int h = x.dim(1), wd = x.dim(2);
        T y = conv2d(reshape(x, h * wd, 1, 1, x.dim(3)), w, b, 1, 0);
        return reshape(y, 1, h, wd, w.dim(0));
    }

    /**
     * A per-channel hybrid int8 linear. TFLite 2.6.2's hybrid FULLY_CONNECTED silently returns the bias when its
     * int8 weight has per-channel scales (FACTS.md), while hybrid CONV_2D handles them, so the linear becomes
     * RESHAPE [N, in] → [N, 1, 1, in], a 1×1 CONV_2D whose OHWI weight [out, 1, 1, in] has the same bytes as the
     * [out, in] one, and RESHAPE back. Rows go to the batch axis on purpose: the hybrid conv quantizes its input
     * once per batch entry (asymmetrically), so every row keeps its own activation scale, as FULLY_CONNECTED's
     * per-row quantization does. A missing bias becomes a zero fp32 constant (not a learned parameter).
     */
    private T fullyConnectedAsConv(T x, T w, T b) {
        int n = x.dim(0), out = w.dim(0), in = w.dim(1);
        T bias = b != null ? b : constant(name + "/zero_bias" + tmp++, new float[out], out);
        T y = conv2d(reshape(x, n, 1, 1, in), new T(w.index(), new int[] {out, 1, 1, in}), bias, 1, 0);
        return reshape(y, n, out);
    }

    public T pad(T x, int top, int bottom, int left, int right) {
        T paddings = constInt32Matrix(new int[] {0, 0, top, bottom, left, right, 0, 0}, 4, 2);
        T out = act(new int[] {x.dim(0), x.dim(1) + top + bottom, x.dim(2) + left + right, x.dim(3)});
        return op(BuiltinOperator.PAD, new int[] {x.index(), paddings.index()}, out, BuiltinOptions.PadOptions,
                fb -> empty(fb, org.tensorflow.lite.schema.PadOptions::startPadOptions, org.tensorflow.lite.schema.PadOptions::endPadOptions));
    }

    private T constInt32Matrix(int[] data, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : data) b.putInt(v);
        return tensor(name + "/c" + tmp++, new int[] {rows, cols}, TensorType.INT32, addBuffer(b));
    }

    public T add(T a, T b) {
        return binary(BuiltinOperator.ADD, a, b, BuiltinOptions.AddOptions,
                fb -> org.tensorflow.lite.schema.AddOptions.createAddOptions(fb, (byte) 0, false));
    }

    public T sub(T a, T b) {
        return binary(BuiltinOperator.SUB, a, b, BuiltinOptions.SubOptions,
                fb -> org.tensorflow.lite.schema.SubOptions.createSubOptions(fb, (byte) 0, false));
    }

    public T mul(T a, T b) {
        return binary(BuiltinOperator.MUL, a, b, BuiltinOptions.MulOptions,
                fb -> org.tensorflow.lite.schema.MulOptions.createMulOptions(fb, (byte) 0));
    }

    public T squaredDifference(T a, T b) {
        return binary(BuiltinOperator.SQUARED_DIFFERENCE, a, b, BuiltinOptions.SquaredDifferenceOptions,
                fb -> empty(fb, org.tensorflow.lite.schema.SquaredDifferenceOptions::startSquaredDifferenceOptions, org.tensorflow.lite.schema.SquaredDifferenceOptions::endSquaredDifferenceOptions));
    }

    private T binary(int opcode, T a, T b, byte optType, ToIntFunction<FlatBufferBuilder> opts) {
        T out = act(broadcast(a.shape(), b.shape()));
        return op(opcode, new int[] {a.index(), b.index()}, out, optType, opts);
    }

    public T scalar(float v) {
        return constant(name + "/s" + tmp++, new float[] {v}, 1);
    }

    public T logistic(T x) {
        return op(BuiltinOperator.LOGISTIC, new int[] {x.index()}, act(x.shape()), BuiltinOptions.NONE, null);
    }

    /**
     * TFLite's builtin GELU (code 150, version 1 for float; 2.16.1 registers versions 1–2): the exact erf form, or
     * the tanh form with {@code approximate}. Neither 2.6.2 (no such builtin) nor 2.16.1's XNNPACK (no GELU
     * operator) runs it in XNNPACK, so the converter composes GELU instead (Nn.gelu); this is for measuring.
     */
    public T gelu(T x, boolean approximate) {
        return op(BuiltinOperator.GELU, new int[] {x.index()}, act(x.shape()), BuiltinOptions.GeluOptions,
                fb -> org.tensorflow.lite.schema.GeluOptions.createGeluOptions(fb, approximate));
    }

    public T tanh(T x) {
        return op(BuiltinOperator.TANH, new int[] {x.index()}, act(x.shape()), BuiltinOptions.NONE, null);
    }

    public T rsqrt(T x) {
        return op(BuiltinOperator.RSQRT, new int[] {x.index()}, act(x.shape()), BuiltinOptions.NONE, null);
    }

    public T reshape(T x, int... shape) {
        check(count(shape) == x.elements(), "reshape " + x + " to " + Arrays.toString(shape));
        T s = constInt32(name + "/shape" + tmp++, shape);
        return op(BuiltinOperator.RESHAPE, new int[] {x.index(), s.index()}, act(shape), BuiltinOptions.ReshapeOptions,
                fb -> org.tensorflow.lite.schema.ReshapeOptions.createReshapeOptions(fb,
                        org.tensorflow.lite.schema.ReshapeOptions.createNewShapeVector(fb, shape)));
    }

    public T transpose(T x, int... perm) {
        int[] shape = new int[perm.length];
        for (int i = 0; i < perm.length; i++) shape[i] = x.dim(perm[i]);
        T p = constInt32(name + "/perm" + tmp++, perm);
        return op(BuiltinOperator.TRANSPOSE, new int[] {x.index(), p.index()}, act(shape), BuiltinOptions.TransposeOptions,
                fb -> empty(fb, org.tensorflow.lite.schema.TransposeOptions::startTransposeOptions, org.tensorflow.lite.schema.TransposeOptions::endTransposeOptions));
    }

    /** Mean over {@code axes}, keeping dims. */
    public T mean(T x, int... axes) {
        int[] shape = x.shape().clone();
        for (int a : axes) shape[a] = 1;
        T ax = constInt32(name + "/axes" + tmp++, axes);
        return op(BuiltinOperator.MEAN, new int[] {x.index(), ax.index()}, act(shape), BuiltinOptions.ReducerOptions,
                fb -> org.tensorflow.lite.schema.ReducerOptions.createReducerOptions(fb, true));
    }

    /**
     * Mean over H and W of an NHWC tensor → [N, 1, 1, C], as a VALID AVERAGE_POOL_2D whose window is the whole
     * image: XNNPACK runs it, while TFLite 2.6.2's XNNPACK leaves MEAN to the slow builtin kernel (FACTS.md).
     */
    public T spatialMean(T x) {
        check(x.rank() == 4, "spatial_mean needs NHWC, got " + x);
        int fh = x.dim(1), fw = x.dim(2);
        return op(BuiltinOperator.AVERAGE_POOL_2D, new int[] {x.index()}, act(new int[] {x.dim(0), 1, 1, x.dim(3)}),
                BuiltinOptions.Pool2DOptions, fb -> org.tensorflow.lite.schema.Pool2DOptions.createPool2DOptions(fb,
                        org.tensorflow.lite.schema.Padding.VALID, fw, fh, fw, fh, (byte) 0));
    }

    /** Batched a·b (or a·bᵀ with {@code adjY}); rank 3. */
    public T batchMatMul(T a, T b, boolean adjY) {
        return batchMatMul(a, b, false, adjY);
    }

    /** Batched op(a)·op(b), op = transpose of the last two axes when {@code adjX} / {@code adjY}; rank 3. */
    public T batchMatMul(T a, T b, boolean adjX, boolean adjY) {
        int m = adjX ? a.dim(2) : a.dim(1), ka = adjX ? a.dim(1) : a.dim(2);
        int n = adjY ? b.dim(1) : b.dim(2);
        int k = adjY ? b.dim(2) : b.dim(1);
        check(ka == k && a.dim(0) == b.dim(0), "batch_matmul " + a + (adjX ? "ᵀ" : "") + " x " + b + (adjY ? "ᵀ" : ""));
        countFlops(2L * a.dim(0) * m * n * k);
        return op(BuiltinOperator.BATCH_MATMUL, new int[] {a.index(), b.index()}, act(new int[] {a.dim(0), m, n}),
                BuiltinOptions.BatchMatMulOptions,
                fb -> org.tensorflow.lite.schema.BatchMatMulOptions.createBatchMatMulOptions(fb, adjX, adjY, false));
    }

    /**
     * Depthwise 2-D convolution, VALID: x [N,H,W,C], w [1,KH,KW,C·mult], b [C·mult]; output channel c·mult+m reads
     * input channel c only.
     */
    public T depthwiseConv2d(T x, T w, T b, int strideH, int strideW, int mult) {
        int kh = w.dim(1), kw = w.dim(2), c = x.dim(3);
        check(w.dim(3) == c * mult, "depthwise_conv2d: weight " + w + " vs input " + x + " × " + mult);
        int oh = (x.dim(1) - kh) / strideH + 1, ow = (x.dim(2) - kw) / strideW + 1;
        T out = act(new int[] {x.dim(0), oh, ow, c * mult});
        countFlops(2L * x.dim(0) * oh * ow * c * mult * kh * kw);
        return op(BuiltinOperator.DEPTHWISE_CONV_2D, new int[] {x.index(), w.index(), b.index()}, out,
                BuiltinOptions.DepthwiseConv2DOptions, fb -> org.tensorflow.lite.schema.DepthwiseConv2DOptions.createDepthwiseConv2DOptions(
                        fb, org.tensorflow.lite.schema.Padding.VALID, strideW, strideH, mult, (byte) 0, 1, 1));
    }

    public T softmax(T x) {
        return op(BuiltinOperator.SOFTMAX, new int[] {x.index()}, act(x.shape()), BuiltinOptions.SoftmaxOptions,
                fb -> org.tensorflow.lite.schema.SoftmaxOptions.createSoftmaxOptions(fb, 1f));
    }

    public T concat(int axis, T... xs) {
        int[] shape = xs[0].shape().clone();
        int[] in = new int[xs.length];
        shape[axis] = 0;
        for (int i = 0; i < xs.length; i++) {
            shape[axis] += xs[i].dim(axis);
            in[i] = xs[i].index();
        }
        return op(BuiltinOperator.CONCATENATION, in, act(shape), BuiltinOptions.ConcatenationOptions,
                fb -> org.tensorflow.lite.schema.ConcatenationOptions.createConcatenationOptions(fb, axis, (byte) 0));
    }

    /** Slices {@code [begin, begin+size)} along {@code axis}. */
    public T slice(T x, int axis, int begin, int size) {
        int[] b = new int[x.rank()], s = x.shape().clone();
        b[axis] = begin;
        s[axis] = size;
        T bt = constInt32(name + "/begin" + tmp++, b), st = constInt32(name + "/size" + tmp++, s);
        return op(BuiltinOperator.SLICE, new int[] {x.index(), bt.index(), st.index()}, act(s), BuiltinOptions.SliceOptions,
                fb -> empty(fb, org.tensorflow.lite.schema.SliceOptions::startSliceOptions, org.tensorflow.lite.schema.SliceOptions::endSliceOptions));
    }

    public T resizeNearest(T x, int h, int w) {
        T size = constInt32(name + "/size" + tmp++, h, w);
        return op(BuiltinOperator.RESIZE_NEAREST_NEIGHBOR, new int[] {x.index(), size.index()},
                act(new int[] {x.dim(0), h, w, x.dim(3)}), BuiltinOptions.ResizeNearestNeighborOptions,
                fb -> org.tensorflow.lite.schema.ResizeNearestNeighborOptions.createResizeNearestNeighborOptions(fb, false, false));
    }

    /** Row lookup: table [V, D], ids int32 [N] → [N, D]. */
    public T gather(T table, T ids) {
        return op(BuiltinOperator.GATHER, new int[] {table.index(), ids.index()}, act(new int[] {ids.dim(-1), table.dim(1)}),
                BuiltinOptions.GatherOptions, fb -> org.tensorflow.lite.schema.GatherOptions.createGatherOptions(fb, 0, 0));
    }

    // ---- helpers ------------------------------------------------------------------------------

    static int[] broadcast(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            int db = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            check(da == db || da == 1 || db == 1, "cannot broadcast " + Arrays.toString(a) + " with " + Arrays.toString(b));
            out[i] = Math.max(da, db);
        }
        check(r <= 4, "rank " + r + " broadcast: TFLite 2.6.2 aborts on 5-D broadcasts");
        return out;
    }

    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    private static int empty(FlatBufferBuilder fb, java.util.function.Consumer<FlatBufferBuilder> start,
                             ToIntFunction<FlatBufferBuilder> end) {
        start.accept(fb);
        return end.applyAsInt(fb);
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new IllegalArgumentException(what);
    }

    private long finish() {
        weights.resolveRemaining();
        ModelWriter w = writer();
        long size = w.finish(ModelTail.build(this));
        finished = weightFormat.output().isPresent() ? new byte[0] : w.bytes();
        return size;
    }

    /** Serializes this in-memory graph as a complete .tflite model (schema version 3). */
    public byte[] toFlatbuffer() {
        check(weightFormat.output().isEmpty(), name + " streams to a file: use finishTo()");
        if (finished == null) finish();
        return finished.clone();
    }

    /**
     * Completes a graph built with {@link WeightFormat#streamingTo}: writes the tensor and operator tables
     * and the header. Returns the file's size; the channel stays open (the caller forces and closes it).
     */
    public long finishTo() {
        check(weightFormat.output().isPresent(), name + " is in memory: use toFlatbuffer()");
        check(finished == null, name + " is already written");
        return finish();
    }
}
