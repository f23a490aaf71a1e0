package dev.snapfusion.runner.desktop;

import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.TfliteModel;
import java.io.File;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.OpResolver;
import org.bytedeco.tensorflowlite.TelemetryProfiler;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteRegistration;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * One .tflite file in a TFLite 2.21 C++ interpreter. Input and output buffers are TFLite's own (fixed after
 * {@code AllocateTensors}); {@link #run} copies into and out of them. Not thread-safe.
 */
final class CppModel implements TfliteModel {
    /** {@code kTfLiteBuiltinDelegate}: the node a delegate puts in place of the ops it took. */
    static final int BUILTIN_DELEGATE = 51;
    static final int TYPE_FLOAT32 = 1;
    static final int TYPE_INT32 = 2;

    private final FlatBufferModel model;
    private final OpResolver resolver;
    private final InterpreterBuilder builder;
    private final Interpreter interpreter;
    private final long fileBytes;
    private final Pointer[] inputs;
    private final int[] inputTypes;
    private final long[] inputBytes;
    private final FloatPointer[] outputs;
    private final int[] outputLengths;
    private double lastInvokeMs = Double.NaN;
    private boolean closed;

    private CppModel(FlatBufferModel model, OpResolver resolver, InterpreterBuilder builder, Interpreter interpreter,
                     long fileBytes) {
        this.model = model;
        this.resolver = resolver;
        this.builder = builder;
        this.interpreter = interpreter;
        this.fileBytes = fileBytes;
        int nIn = (int) interpreter.inputs().limit();
        inputs = new Pointer[nIn];
        inputTypes = new int[nIn];
        inputBytes = new long[nIn];
        for (int i = 0; i < nIn; i++) {
            TfLiteTensor t = interpreter.input_tensor(i);
            inputTypes[i] = t.type();
            inputBytes[i] = t.bytes();
            inputs[i] = switch (t.type()) {
                case TYPE_FLOAT32 -> interpreter.typed_input_tensor_float(i);
                case TYPE_INT32 -> interpreter.typed_input_tensor_int(i);
                default -> throw new IllegalArgumentException("input " + i + " (" + t.name().getString() + ") has TFLite type "
                        + t.type() + "; the runner feeds float32 and int32 only");
            };
        }
        int nOut = (int) interpreter.outputs().limit();
        outputs = new FloatPointer[nOut];
        outputLengths = new int[nOut];
        for (int i = 0; i < nOut; i++) {
            TfLiteTensor t = interpreter.output_tensor(i);
            if (t.type() != TYPE_FLOAT32) {
                throw new IllegalArgumentException("output " + i + " (" + t.name().getString() + ") is not float32");
            }
            outputs[i] = interpreter.typed_output_tensor_float(i);
            outputLengths[i] = (int) (t.bytes() / 4);
        }
    }

    static CppModel load(File file, int threads, Backend backend) {
        return load(file, threads, backend, null);
    }

    /**
     * @param profiler TFLite's telemetry profiler, or null: it must reach the builder before {@code apply}, because
     *     XNNPACK turns on its operator timing only when a profiler is present as it builds its runtime
     */
    static CppModel load(File file, int threads, Backend backend, TelemetryProfiler profiler) {
        if (!file.isFile()) throw new IllegalArgumentException("model file not found: " + file);
        FlatBufferModel model = FlatBufferModel.BuildFromFile(file.getPath());
        if (model == null || model.isNull() || !model.initialized()) {
            throw new IllegalArgumentException("TFLite cannot read " + file + " (not a valid .tflite flatbuffer)");
        }
        // BuiltinOpResolver carries XNNPACK as its default delegate; the WithoutDefaultDelegates one runs every op on
        // the builtin kernels. GPU is not in this build: Backend.resolve has already turned it into XNNPACK.
        OpResolver resolver = backend == Backend.CPU ? new BuiltinOpResolverWithoutDefaultDelegates() : new BuiltinOpResolver();
        InterpreterBuilder builder = new InterpreterBuilder(model, resolver);
        builder.SetNumThreads(threads);
        if (profiler != null) builder.SetTelemetryProfiler(profiler);   // the builder owns it from here
        // A null wrapper for the builder to fill (as JavaCPP's own TFLite sample does): `new Interpreter()` allocates a
        // native interpreter that apply() then replaces, and loading and closing many models that way corrupted the heap
        // (SIGSEGV in AllocateTensors after a few hundred block-file loads; docs/evolve.md).
        Interpreter interpreter = new Interpreter((Pointer) null);
        if (builder.apply(interpreter) != 0) {
            closeAll(interpreter, builder, resolver, model);
            throw new IllegalArgumentException("TFLite " + CppRuntime.INSTANCE.version() + " cannot build an interpreter for "
                    + file + " (an op or op version it does not register; its error is on stderr)");
        }
        if (interpreter.AllocateTensors() != 0) {
            closeAll(interpreter, builder, resolver, model);
            throw new IllegalStateException("TFLite cannot allocate the tensors of " + file + " (see stderr)");
        }
        return new CppModel(model, resolver, builder, interpreter, file.length());
    }

    @Override
    public float[][] run(Object... in) {
        if (in.length != inputs.length) {
            throw new IllegalArgumentException("model takes " + inputs.length + " inputs, got " + in.length);
        }
        for (int i = 0; i < inputs.length; i++) {
            if (in[i] instanceof float[] f && inputTypes[i] == TYPE_FLOAT32) {
                check(i, f.length * 4L);
                ((FloatPointer) inputs[i]).put(f);
            } else if (in[i] instanceof int[] n && inputTypes[i] == TYPE_INT32) {
                check(i, n.length * 4L);
                ((IntPointer) inputs[i]).put(n);
            } else {
                throw new IllegalArgumentException("input " + i + " must be " + (inputTypes[i] == TYPE_INT32 ? "int[]" : "float[]"));
            }
        }
        long t0 = System.nanoTime();
        int status = interpreter.Invoke();
        lastInvokeMs = (System.nanoTime() - t0) / 1e6;
        if (status != 0) throw new IllegalStateException("TFLite Invoke failed with status " + status + " (see stderr)");
        float[][] result = new float[outputs.length][];
        for (int i = 0; i < outputs.length; i++) {
            result[i] = new float[outputLengths[i]];
            outputs[i].get(result[i]);
        }
        return result;
    }

    private void check(int i, long have) {
        if (have != inputBytes[i]) throw new IllegalArgumentException("input " + i + " has " + have + " bytes, model wants " + inputBytes[i]);
    }

    @Override
    public double lastInvokeMs() {
        return lastInvokeMs;
    }

    @Override
    public long fileBytes() {
        return fileBytes;
    }

    @Override
    public int inputCount() {
        return inputs.length;
    }

    @Override
    public boolean inputIsInt32(int i) {
        return inputTypes[i] == TYPE_INT32;
    }

    @Override
    public int[] inputShape(int i) {
        return dims(interpreter.input_tensor(i).dims());
    }

    @Override
    public int[] outputShape(int i) {
        return dims(interpreter.output_tensor(i).dims());
    }

    @Override
    public int delegatePartitions() {
        IntPointer plan = interpreter.execution_plan();
        int n = 0;
        for (long i = 0; i < plan.limit(); i++) {
            TfLiteRegistration reg = interpreter.node_and_registration(plan.get(i)).second();
            if (reg.builtin_code() == BUILTIN_DELEGATE) n++;
        }
        return n;
    }

    /** Nodes in the execution plan after delegation (a delegate partition counts once). */
    int planSize() {
        return (int) interpreter.execution_plan().limit();
    }

    /** Nodes in the model before delegation. */
    int nodeCount() {
        return (int) interpreter.nodes_size();
    }

    Interpreter interpreter() {
        return interpreter;
    }

    private static int[] dims(TfLiteIntArray d) {
        int[] out = new int[d.size()];
        for (int i = 0; i < out.length; i++) out[i] = d.data(i);
        return out;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        closeAll(interpreter, builder, resolver, model);
    }

    /** Interpreter first: it holds pointers into the resolver's registrations and the model's buffers. */
    private static void closeAll(Pointer... ps) {
        for (Pointer p : ps) p.close();
    }
}
