package dev.snapfusion.runner.bundle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The builtin operators, with their version ranges, that the phone's TFLite registers: a model whose
 * {@code operator_codes} name anything else fails to load there ("Didn't find op for builtin opcode … version …"),
 * however well it runs on the desktop. The table is {@code tflite-2.16.1-builtins.tsv} next to this class
 * (docs/phone-floor.md says where it comes from). The converter checks every file it writes and the pusher
 * checks a bundle before its first byte goes to a device.
 * <pre>{@code
 * OpFloor floor = OpFloor.phone();
 * List<String> problems = floor.problems(OpFloor.operatorCodes(Path.of("unet.tflite")));
 * floor.requireLoadable(bundleDir, ManifestCodec.read(bundleDir.resolve(BundleManifest.FILE_NAME)));
 * }</pre>
 * Immutable and thread-safe. Desktop side only (the runner jar on the phone does not carry the table).
 */
public final class OpFloor {
    private static final String TABLE = "tflite-2.16.1-builtins.tsv";
    private static volatile OpFloor phone;

    /** One registered range. */
    public record Range(int builtin, String name, int min, int max) {
        boolean contains(int version) {
            return version >= min && version <= max;
        }
    }

    private final String runtime;
    private final Map<Integer, Range> ranges;

    OpFloor(String runtime, List<Range> rows) {
        this.runtime = runtime;
        Map<Integer, Range> m = new LinkedHashMap<>();
        for (Range r : rows) {
            if (m.put(r.builtin(), r) != null) throw new IllegalStateException(runtime + ": builtin " + r.builtin() + " listed twice");
        }
        this.ranges = Collections.unmodifiableMap(m);
    }

    /** TFLite 2.16.1, the runtime of the AAR the runner ships (device-runner/pom.xml {@code tflite.android.version}). */
    public static OpFloor phone() {
        OpFloor f = phone;
        if (f == null) {
            f = load("TFLite 2.16.1", TABLE);
            phone = f;
        }
        return f;
    }

    /** Another runtime's table, e.g. a newer TFLite the runner may move to, or a restricted one in tests. */
    public static OpFloor of(String runtime, List<Range> ranges) {
        return new OpFloor(runtime, ranges);
    }

    public String runtime() {
        return runtime;
    }

    /** Registered ranges by builtin code, in the order the resolver adds them. */
    public Map<Integer, Range> ranges() {
        return ranges;
    }

    public boolean supports(int builtin, int version) {
        Range r = ranges.get(builtin);
        return r != null && r.contains(version);
    }

    /** The operator's schema name if this runtime registers it, else {@code builtin <code>}. */
    public String name(int builtin) {
        Range r = ranges.get(builtin);
        return r != null ? r.name() : "builtin " + builtin;
    }

    /** What the runtime has for {@code builtin}, for messages: "versions 1–11", or "no such operator". */
    public String describe(int builtin) {
        Range r = ranges.get(builtin);
        if (r == null) return runtime + " registers no such operator";
        return runtime + " registers " + (r.min() == r.max() ? "version " + r.min() : "versions " + r.min() + "–" + r.max());
    }

    /** One line per operator code the runtime cannot load: unregistered (op, version) pairs and custom ops. */
    public List<String> problems(List<OpCode> codes) {
        List<String> out = new ArrayList<>();
        for (OpCode c : codes) {
            if (c.isCustom()) {
                out.add("custom op '" + c.custom() + "' version " + c.version()
                        + " (the runner registers no custom ops; write it with builtin ops)");
            } else if (!supports(c.builtin(), c.version())) {
                out.add(name(c.builtin()) + " version " + c.version() + " (" + describe(c.builtin()) + ")");
            }
        }
        return out;
    }

    /** The operator codes of a .tflite file, read by hand (a few positional reads, whatever the file's size). */
    public static List<OpCode> operatorCodes(Path tflite) {
        return TfliteOpCodes.read(tflite);
    }

    /** The operator codes of an in-memory .tflite model; {@code name} is for messages. */
    public static List<OpCode> operatorCodes(String name, ByteBuffer model) {
        return TfliteOpCodes.read(name, model);
    }

    /**
     * Checks every .tflite file the manifest lists; throws one {@link OpFloorException} naming each file and each
     * operator this runtime lacks, or why the file is no TFLite model. Reads only the files' operator tables.
     */
    public void requireLoadable(Path bundleDir, BundleManifest manifest) {
        Map<String, List<String>> byFile = new LinkedHashMap<>();
        for (FileEntry f : manifest.files()) {
            if (!f.path().endsWith(".tflite")) continue;
            List<String> p;
            try {
                p = problems(operatorCodes(bundleDir.resolve(f.path())));
            } catch (BundleFormatException e) {
                p = Collections.singletonList(e.getMessage());   // the phone would not load it either
            }
            if (!p.isEmpty()) byFile.put(f.path(), p);
        }
        if (!byFile.isEmpty()) throw new OpFloorException(runtime, bundleDir.toString(), byFile);
    }

    /** Throws an {@link OpFloorException} if {@code file} (named {@code name} in messages) holds an operator this runtime lacks. */
    public void requireLoadable(String name, List<OpCode> codes) {
        List<String> p = problems(codes);
        if (!p.isEmpty()) {
            Map<String, List<String>> byFile = new LinkedHashMap<>();
            byFile.put(name, p);
            throw new OpFloorException(runtime, null, byFile);
        }
    }

    static OpFloor load(String runtime, String resource) {
        try (InputStream in = OpFloor.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the classpath");
            return new OpFloor(runtime, parse(resource, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Rows of {@code code\tname\tmin\tmax}; lines starting with '#' are comments. */
    static List<Range> parse(String what, BufferedReader in) throws IOException {
        List<Range> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            try {
                if (f.length != 4) throw new NumberFormatException("4 tab-separated fields expected");
                Range r = new Range(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]));
                if (r.min() < 1 || r.max() < r.min()) throw new NumberFormatException("bad version range");
                rows.add(r);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(what + " line " + lineNo + ": " + e.getMessage() + ": " + line);
            }
        }
        return rows;
    }
}
