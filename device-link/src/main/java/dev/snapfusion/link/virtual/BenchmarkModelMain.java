package dev.snapfusion.link.virtual;

import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.OpProfiling;
import dev.snapfusion.runner.tflite.TfliteModel;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The virtual device's stand-in for TFLite's benchmark_model (docs/virtual-device.md), run as a child JVM by
 * {@link BenchmarkLauncher} when the shell runs an ELF file of the sandbox. It loads {@code --graph} with the runner's
 * desktop TFLite runtime, times warm-up and {@code --num_runs} runs with the runtime's op profiler
 * ({@link OpProfiling}, the one the runner's op_profile.json comes from), and prints what the newer tool prints, its
 * profile in the layout without {@code [start]} ({@link ProfileStats}), or writes it to
 * {@code --profiling_output_csv_file} as CSV, as the tool does. Every number is a measurement on the host CPU.
 * INFO and WARN lines go to stdout and ERROR lines to stderr, as TFLite's tool logging does.
 */
public final class BenchmarkModelMain {
    private static final String RUN_SECTION = "Operator-wise Profiling Info for Regular Benchmark Runs:";
    /** benchmark_model fills int32 inputs from [0, 99] and float32 inputs from [-0.5, 0.5] (CreateRandomTensorData). */
    private static final int INT_HIGH = 99;

    private final BenchmarkFlags flags;
    private final PrintStream out;
    private final PrintStream err;

    private BenchmarkModelMain(BenchmarkFlags flags, PrintStream out, PrintStream err) {
        this.flags = flags;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(List.of(args), out, err));
    }

    /** Runs the benchmark; returns the exit code (1 for a refused command line or a graph that does not load). */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        BenchmarkFlags f;
        try {
            f = BenchmarkFlags.parse(args);
        } catch (BenchmarkFlags.FlagException e) {
            err.println(e.getMessage());
            return 1;
        }
        try {
            return new BenchmarkModelMain(f, out, err).benchmark();
        } catch (RuntimeException e) {
            err.println("ERROR: " + e.getMessage());
            err.println("ERROR: Benchmarking failed.");
            return 1;
        }
    }

    private int benchmark() {
        out.println("INFO: STARTING!");
        out.println("INFO: Log parameter values verbosely: [0]");
        out.println("INFO: Num threads: [" + flags.numThreads() + "]");
        out.println("INFO: Graph: [" + flags.graph() + "]");
        out.println("INFO: Enable op profiling: [" + (flags.enableOpProfiling() ? 1 : 0) + "]");
        if (!flags.profilingOutputCsvFile().isEmpty()) {
            out.println("INFO: CSV File to export profiling data to: [" + flags.profilingOutputCsvFile() + "]");
        }
        flags.useXnnpack().ifPresent(x -> out.println("INFO: Use xnnpack: [" + (x ? 1 : 0) + "]"));
        TfliteRuntime runtime = TfliteRuntime.current();
        out.println("INFO: SnapFusion virtual device: benchmark_model emulated with " + runtime.describe()
                + " on the host CPU; every time is measured there (docs/virtual-device.md)");
        File graph = DevicePaths.resolve(flags.graph());
        if (!graph.isFile()) {
            err.println("ERROR: Could not open '" + flags.graph() + "'.");
            err.println("ERROR: Failed to mmap model " + flags.graph());
            return 1;
        }
        if (flags.enableOpProfiling() && !runtime.profilesOps()) throw new IllegalStateException(OpProfiling.UNSUPPORTED);
        Backend backend = flags.xnnpack() ? Backend.XNNPACK : Backend.CPU;
        long start = System.nanoTime();
        try (TfliteModel m = flags.enableOpProfiling() ? runtime.loadProfiled(graph, flags.threads(), backend)
                : runtime.load(graph, flags.threads(), backend)) {
            double initMs = (System.nanoTime() - start) / 1e6;
            out.println("INFO: Loaded model " + flags.graph());
            if (flags.xnnpack()) out.println("INFO: Created TensorFlow Lite XNNPACK delegate for CPU.");
            out.println("INFO: The input model file size (MB): " + CppFormat.general(m.fileBytes() / 1e6));
            out.println("INFO: Initialized session in " + CppFormat.general(initMs) + "ms.");
            Object[] in = inputs(m);
            List<Long> warmup = loop(m, in, flags.warmupRuns(), flags.warmupMinSecs(), null);
            ProfileStats stats = new ProfileStats();
            List<Long> regular = loop(m, in, flags.numRuns(), flags.minSecs(), OpProfiling.of(m).isPresent() ? stats : null);
            long first = !warmup.isEmpty() ? warmup.get(0) : regular.isEmpty() ? 0 : regular.get(0);
            out.println("INFO: Inference timings in us: Init: " + Math.round(initMs * 1000) + ", First inference: " + first
                    + ", Warmup (avg): " + CppFormat.general(avg(warmup)) + ", Inference (avg): " + CppFormat.general(avg(regular)));
            if (!stats.isEmpty()) writeProfile(stats);
        }
        return 0;
    }

    /**
     * Runs while fewer than {@code minRuns} ran or less than {@code minSecs} passed, but not past --max_secs, as the
     * tool's RunBenchmark loop does; prints the loop's line and its timings; returns each run's invoke time in µs.
     */
    private List<Long> loop(TfliteModel m, Object[] in, int minRuns, double minSecs, ProfileStats stats) {
        out.println("INFO: Running benchmark for at least " + minRuns + " iterations and at least " + CppFormat.general(minSecs)
                + " seconds but terminate if exceeding " + CppFormat.general(flags.maxSecs()) + " seconds.");
        Optional<OpProfiling> profiler = stats == null ? Optional.empty() : OpProfiling.of(m);
        List<Long> times = new ArrayList<>();
        long start = System.nanoTime();
        boolean warned = false;
        for (double s = 0; (times.size() < minRuns || s < minSecs) && s <= flags.maxSecs(); s = (System.nanoTime() - start) / 1e9) {
            profiler.ifPresent(OpProfiling::resetOpTimes);
            long t0 = System.nanoTime();
            m.run(in);
            double ms = Double.isFinite(m.lastInvokeMs()) ? m.lastInvokeMs() : (System.nanoTime() - t0) / 1e6;
            times.add(Math.round(ms * 1000));
            if (profiler.isPresent()) {
                List<NodeTime> nodes = NodeTime.of(profiler.get().opTimes(), profiler.get().opaquePartitions());
                if (nodes.size() > flags.maxProfilingBufferEntries()) {
                    if (!warned) {
                        out.println("WARN: the profiling buffer holds " + flags.maxProfilingBufferEntries() + " events and a run has "
                                + nodes.size() + " nodes: the rest are not profiled (raise --max_profiling_buffer_entries)");
                    }
                    warned = true;
                    nodes = nodes.subList(0, flags.maxProfilingBufferEntries());
                }
                stats.addRun(nodes);
            }
        }
        out.println("INFO: " + TimingStat.format(times));
        out.println();
        return times;
    }

    /** To the CSV file when one is named and can be written, else into the log, as ProfileSummaryDefaultFormatter does. */
    private void writeProfile(ProfileStats stats) {
        boolean csv = !flags.profilingOutputCsvFile().isEmpty();
        String text = RUN_SECTION + "\n" + stats.report(csv) + "\n";
        if (csv) {
            Path file = DevicePaths.resolve(flags.profilingOutputCsvFile()).toPath();
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
                return;
            } catch (IOException e) {
                // the tool's ofstream was not good(): the profile goes to the log instead
            }
        }
        out.print("INFO: " + text);
        out.flush();
    }

    /** Random inputs shaped and typed as the graph's, from the tool's default ranges; seeded, so runs are comparable. */
    private static Object[] inputs(TfliteModel m) {
        Random r = new Random(1);
        Object[] in = new Object[m.inputCount()];
        for (int i = 0; i < in.length; i++) {
            int n = 1;
            for (int d : m.inputShape(i)) n *= Math.max(1, d);
            if (m.inputIsInt32(i)) {
                int[] v = new int[n];
                for (int k = 0; k < n; k++) v[k] = r.nextInt(INT_HIGH + 1);
                in[i] = v;
            } else {
                float[] v = new float[n];
                for (int k = 0; k < n; k++) v[k] = r.nextFloat() - 0.5f;
                in[i] = v;
            }
        }
        return in;
    }

    private static double avg(List<Long> v) {
        return v.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
    }
}
