package dev.snapfusion.bridge.tflite;

import dev.snapfusion.runner.bundle.OpCode;
import dev.snapfusion.runner.bundle.OpFloor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.SubGraph;

/**
 * Checks a model against the phone's TFLite ({@link OpFloor#phone()}, 2.16.1): every (operator, version) of its
 * {@code operator_codes} must be registered there, no custom ops, and the version each operator's tensors need
 * (what TFLite's converter would write, {@code op_version.cc}) must be registered too. A written version lower
 * than the needed one still loads and is reported as {@link PhoneOpReport#understated()}. docs/phone-floor.md.
 * <pre>{@code
 * PhoneOpReport r = PhoneOpFloor.check(Path.of("bundle/unet.tflite"));
 * r.requireLoadable();                       // OpFloorException naming the file and each operator
 * r.understated().forEach(System.out::println);
 * }</pre>
 * Thread-safe (stateless).
 */
public final class PhoneOpFloor {
    private PhoneOpFloor() {
    }

    /** Reads {@code file}'s tables (the file is mapped; only its tables are touched). */
    public static PhoneOpReport check(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) throw new IOException(file + ": over 2 GB, not a TFLite flatbuffer");
            return check(file.toString(), ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
        }
    }

    /** Checks an in-memory model; {@code name} names it in the report. */
    public static PhoneOpReport check(String name, ByteBuffer model) {
        return check(name, model, OpFloor.phone());
    }

    /** Checks an in-memory model against another runtime's table. */
    public static PhoneOpReport check(String name, ByteBuffer model, OpFloor floor) {
        Model m = Model.getRootAsModel(model.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        int n = m.operatorCodesLength();
        List<OpCode> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OperatorCode c = m.operatorCodes(i);
            int builtin = Math.max(c.deprecatedBuiltinCode(), c.builtinCode());
            codes.add(new OpCode(builtin, c.version(), builtin == OpCode.CUSTOM ? c.customCode() : null));
        }
        int[] needed = new int[n], count = new int[n];
        String[] why = new String[n];
        for (int s = 0; s < m.subgraphsLength(); s++) {
            SubGraph g = m.subgraphs(s);
            for (int o = 0; o < g.operatorsLength(); o++) {
                Operator op = g.operators(o);
                int idx = (int) op.opcodeIndex();
                count[idx]++;
                NeededVersions.of(codes.get(idx).builtin(), g, op).ifPresent(need -> {
                    if (need.version() > needed[idx]) {
                        needed[idx] = need.version();
                        why[idx] = need.why();
                    }
                });
            }
        }
        List<PhoneOpReport.OpUse> uses = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OpCode c = codes.get(i);
            String op = c.isCustom() ? "CUSTOM " + c.custom() : name(floor, c.builtin());
            uses.add(new PhoneOpReport.OpUse(op, c.builtin(), c.version(), needed[i], why[i], count[i], c.custom()));
            if (c.isCustom()) {
                refusals.addAll(floor.problems(List.of(c)));
            } else if (!floor.supports(c.builtin(), c.version())) {
                refusals.add(op + " version " + c.version() + " (" + floor.describe(c.builtin()) + ")");
            } else if (needed[i] > c.version() && !floor.supports(c.builtin(), needed[i])) {
                refusals.add(op + " is written as version " + c.version() + ", but its tensors need version " + needed[i]
                        + " (" + why[i] + "): " + floor.describe(c.builtin()));
            }
        }
        return new PhoneOpReport(name, floor.runtime(), uses, refusals);
    }

    /**
     * Checks the tables of a graph that has been written ({@link Graph#toFlatbuffer()} or {@link Graph#finishTo()}):
     * the same tables the file holds, without touching its weights.
     */
    public static PhoneOpReport check(String name, Graph g) {
        return check(name, g, OpFloor.phone());
    }

    /** {@link #check(String, Graph)} against another runtime's table. */
    public static PhoneOpReport check(String name, Graph g, OpFloor floor) {
        if (!g.written()) throw new IllegalStateException(g.name() + " is not written yet; its weights' types are still open");
        return check(name, ByteBuffer.wrap(ModelTail.build(g)), floor);
    }

    private static String name(OpFloor floor, int builtin) {
        if (floor.ranges().containsKey(builtin)) return floor.name(builtin);
        return builtin >= 0 && builtin < BuiltinOperator.names.length ? BuiltinOperator.name(builtin) : floor.name(builtin);
    }
}
