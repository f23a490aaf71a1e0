package dev.snapfusion.link.virtual;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of TFLite's benchmark_model as the virtual device's emulation takes it: the real tool's
 * {@code --name=value} flags that the emulation honours, with the real tool's defaults
 * (tensorflow/lite/tools/benchmark/benchmark_model.cc and benchmark_tflite_model.cc). Immutable.
 *
 * @param numThreads -1 (the real default, "let TFLite decide") runs on one thread here
 * @param useXnnpack empty when not given: TFLite then applies XNNPACK by default, as the real tool does
 * @param profilingOutputCsvFile empty when not given: the profile is then printed
 */
record BenchmarkFlags(String graph, int numThreads, int numRuns, double minSecs, double maxSecs, int warmupRuns,
                      double warmupMinSecs, boolean enableOpProfiling, String profilingOutputCsvFile,
                      Optional<Boolean> useXnnpack, int maxProfilingBufferEntries) {

    private enum Kind { STRING, INT, FLOAT, BOOL }

    /** A flag's type and the real tool's default; a null default means "not given". */
    private record Spec(Kind kind, Object defaultValue) {
    }

    /** Every flag the emulation honours, in the order its help lists them. */
    private static final Map<String, Spec> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("graph", new Spec(Kind.STRING, ""));
        FLAGS.put("num_threads", new Spec(Kind.INT, -1));
        FLAGS.put("num_runs", new Spec(Kind.INT, 50));
        FLAGS.put("min_secs", new Spec(Kind.FLOAT, 1.0));
        FLAGS.put("max_secs", new Spec(Kind.FLOAT, 150.0));
        FLAGS.put("warmup_runs", new Spec(Kind.INT, 1));
        FLAGS.put("warmup_min_secs", new Spec(Kind.FLOAT, 0.5));
        FLAGS.put("enable_op_profiling", new Spec(Kind.BOOL, false));
        FLAGS.put("profiling_output_csv_file", new Spec(Kind.STRING, ""));
        FLAGS.put("use_xnnpack", new Spec(Kind.BOOL, null));
        FLAGS.put("max_profiling_buffer_entries", new Spec(Kind.INT, 1024));
    }

    /** Flags that name device files: the launcher checks them against the sandbox before the emulation starts. */
    List<String> devicePaths() {
        List<String> out = new ArrayList<>(List.of(graph));
        if (!profilingOutputCsvFile.isEmpty()) out.add(profilingOutputCsvFile);
        return out;
    }

    /** Whether XNNPACK runs the graph: unless {@code --use_xnnpack=false}, as TFLite applies it by default. */
    boolean xnnpack() {
        return useXnnpack.orElse(true);
    }

    int threads() {
        return numThreads == -1 ? 1 : numThreads;
    }

    /** @throws FlagException with the lines the real tool would print on stderr, for the emulation to print */
    static BenchmarkFlags parse(List<String> args) throws FlagException {
        Map<String, Object> v = new LinkedHashMap<>();
        FLAGS.forEach((name, spec) -> v.put(name, spec.defaultValue()));
        List<String> unconsumed = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
            if (name == null || !FLAGS.containsKey(name)) {
                unconsumed.add(arg);
                continue;
            }
            Object parsed = value(FLAGS.get(name).kind(), arg.substring(eq + 1));
            if (parsed == null) throw new FlagException("ERROR: Failed to parse flag '" + name + "' against argv '" + arg + "'");
            v.put(name, parsed);
        }
        if (!unconsumed.isEmpty()) {
            throw new FlagException("ERROR: Unconsumed cmdline flags: " + String.join(" ", unconsumed) + "\n"
                    + "ERROR: the virtual device's benchmark_model emulation stops at flags it does not honour (the real tool "
                    + "only warns); it knows --" + String.join(", --", FLAGS.keySet()));
        }
        BenchmarkFlags f = new BenchmarkFlags((String) v.get("graph"), (Integer) v.get("num_threads"), (Integer) v.get("num_runs"),
                (Double) v.get("min_secs"), (Double) v.get("max_secs"), (Integer) v.get("warmup_runs"),
                (Double) v.get("warmup_min_secs"), (Boolean) v.get("enable_op_profiling"),
                (String) v.get("profiling_output_csv_file"), Optional.ofNullable((Boolean) v.get("use_xnnpack")),
                (Integer) v.get("max_profiling_buffer_entries"));
        if (f.graph.isEmpty()) throw new FlagException("ERROR: Please specify the name of your TF Lite input file with --graph");
        if (f.numThreads < -1 || f.numThreads == 0) throw new FlagException("ERROR: --num_threads must be -1 or at least 1, got " + f.numThreads);
        if (f.maxProfilingBufferEntries < 1) {
            throw new FlagException("ERROR: --max_profiling_buffer_entries must be positive, got " + f.maxProfilingBufferEntries);
        }
        return f;
    }

    private static Object value(Kind kind, String s) {
        try {
            return switch (kind) {
                case STRING -> s;
                case INT -> Integer.parseInt(s);
                case FLOAT -> Double.parseDouble(s);
                case BOOL -> s.equals("true") || s.equals("1") ? Boolean.TRUE : s.equals("false") || s.equals("0") ? Boolean.FALSE : null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A command line the tool refuses; the message is what it prints on stderr (one or more lines). */
    static final class FlagException extends Exception {
        FlagException(String message) {
            super(message);
        }
    }
}
