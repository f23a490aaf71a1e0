package dev.snapfusion.runner.tflite;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.tensorflow.lite.Interpreter;

/**
 * The phone implementation: one .tflite file in an {@code org.tensorflow.lite.Interpreter} (the AAR's Java API on
 * the phone; in tests on the desktop the same API from {@code ai.djl.tflite}), with direct buffers reused across
 * calls. Not thread-safe.
 */
final class JavaApiModel implements TfliteModel {
    private final Interpreter interpreter;
    private final ByteBuffer[] in;
    private final ByteBuffer[] out;
    private final long fileBytes;
    private final AutoCloseable delegate;
    // Reused every call: blockwise mode invokes dozens of small models per step, so per-call garbage shows up
    // in the block sum (docs/runner-protocol.md, "Timing").
    private final Object[] ins;
    private final Map<Integer, Object> outs = new HashMap<>();

    private JavaApiModel(Interpreter interpreter, long fileBytes, AutoCloseable delegate) {
        this.interpreter = interpreter;
        this.fileBytes = fileBytes;
        this.delegate = delegate;
        in = new ByteBuffer[interpreter.getInputTensorCount()];
        for (int i = 0; i < in.length; i++) {
            in[i] = ByteBuffer.allocateDirect(interpreter.getInputTensor(i).numBytes()).order(ByteOrder.nativeOrder());
        }
        out = new ByteBuffer[interpreter.getOutputTensorCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ByteBuffer.allocateDirect(interpreter.getOutputTensor(i).numBytes()).order(ByteOrder.nativeOrder());
            outs.put(i, out[i]);
        }
        ins = new Object[in.length];
    }

    /** {@code backend} must already be resolved ({@link Backend#resolve}): GPU here requires the GPU delegate class. */
    static JavaApiModel load(File file, int threads, Backend backend) {
        NativeTflite.ensureLoaded();
        if (!file.isFile()) throw new IllegalArgumentException("model file not found: " + file);
        Interpreter.Options o = new Interpreter.Options();
        o.setNumThreads(threads);
        o.setUseXNNPACK(backend == Backend.XNNPACK);
        AutoCloseable gpu = null;
        if (backend == Backend.GPU) {
            gpu = newGpuDelegate();
            o.addDelegate((org.tensorflow.lite.Delegate) gpu);
        }
        return new JavaApiModel(new Interpreter(file, o), file.length(), gpu);
    }

    private static AutoCloseable newGpuDelegate() {
        try {
            return (AutoCloseable) Class.forName(Backend.GPU_DELEGATE_CLASS).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot create the GPU delegate: " + e, e);
        }
    }

    @Override
    public double lastInvokeMs() {
        Long ns = interpreter.getLastNativeInferenceDurationNanoseconds();
        return ns == null ? Double.NaN : ns / 1e6;
    }

    @Override
    public long fileBytes() {
        return fileBytes;
    }

    @Override
    public int inputCount() {
        return in.length;
    }

    @Override
    public boolean inputIsInt32(int i) {
        return interpreter.getInputTensor(i).dataType() == org.tensorflow.lite.DataType.INT32;
    }

    @Override
    public int[] inputShape(int i) {
        return interpreter.getInputTensor(i).shape();
    }

    @Override
    public int[] outputShape(int i) {
        return interpreter.getOutputTensor(i).shape();
    }

    @Override
    public float[][] run(Object... inputs) {
        if (inputs.length != in.length) {
            throw new IllegalArgumentException("model takes " + in.length + " inputs, got " + inputs.length);
        }
        for (int i = 0; i < in.length; i++) {
            ByteBuffer b = in[i];
            b.clear();
            if (inputs[i] instanceof float[] f) {
                check(i, f.length * 4, b.capacity());
                b.asFloatBuffer().put(f);
            } else if (inputs[i] instanceof int[] n) {
                check(i, n.length * 4, b.capacity());
                b.asIntBuffer().put(n);
            } else {
                throw new IllegalArgumentException("input " + i + " must be float[] or int[]");
            }
            b.rewind();
            ins[i] = b;
        }
        for (ByteBuffer o : out) o.clear();
        interpreter.runForMultipleInputsOutputs(ins, outs);
        float[][] result = new float[out.length][];
        for (int i = 0; i < out.length; i++) {
            out[i].rewind();
            FloatBuffer fb = out[i].asFloatBuffer();
            result[i] = new float[fb.remaining()];
            fb.get(result[i]);
        }
        return result;
    }

    private static void check(int i, int have, int want) {
        if (have != want) throw new IllegalArgumentException("input " + i + " has " + have + " bytes, model wants " + want);
    }

    @Override
    public void close() {
        interpreter.close();
        if (delegate != null) {
            try {
                delegate.close();
            } catch (Exception e) {
                // closing a delegate frees native memory; nothing useful to do if it fails at shutdown
            }
        }
    }
}
