package dev.snapfusion.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A benchmark_model started by {@link BenchmarkModelClient#start}. {@link #cancel()} may be called from any thread;
 * {@link #await()} blocks until the tool ended, was cancelled or timed out, saves what it printed and its CSV, and
 * returns the outcome. Thread-safe; await once.
 * <p>Stopping is done as for the runner ({@link RunHandle}): the shell stream is closed, then
 * {@code pkill -9 -f <device output folder>} ends anything still running with that folder on its command line.
 */
public final class BenchmarkHandle {
    private final Device device;
    private final String outDir;
    private final Duration timeout;
    private final Path localDir;
    private final long startNanos = System.nanoTime();
    private final List<String> lines = new ArrayList<>();
    private final RunningCommand cmd;
    private volatile boolean cancelled;

    BenchmarkHandle(Device d, List<String> argv, String outDir, Duration timeout, Path localDir) {
        this.device = d;
        this.outDir = outDir;
        this.timeout = timeout;
        this.localDir = localDir;
        // One reader thread delivers both streams, so the lines keep the order the tool printed them in.
        this.cmd = d.stream(argv, this::line, this::line);
    }

    private void line(String s) {
        synchronized (lines) {
            lines.add(s);
        }
    }

    /** Stops the tool on the device; {@link #await()} then returns an outcome marked cancelled. Idempotent. */
    public void cancel() {
        cancelled = true;
        cmd.cancel();
    }

    /**
     * Waits for the end (at most the timeout given to start), saves {@value BenchmarkModelClient#OUTPUT_FILE} and, after
     * a clean exit, the CSV into the local folder, each written whole or not at all.
     *
     * @throws DeviceGoneException when the device went away before the tool's exit code came
     */
    public BenchmarkOutcome await() {
        CommandWait.Ending end = CommandWait.await(cmd, timeout, () -> {
            cancel();
            killLeftovers();
        }, "benchmark_model ran on " + device.serial());
        int exit = end.exit();
        boolean timedOut = end.timedOut();
        boolean stopped = timedOut || cancelled;
        if (stopped) killLeftovers();
        List<String> all;
        synchronized (lines) {
            all = List.copyOf(lines);
        }
        Path output = localDir.resolve(BenchmarkModelClient.OUTPUT_FILE);
        Optional<Path> csv = Optional.empty();
        try {
            Files.createDirectories(localDir);
            RunnerClient.writeAtomically(output, text(all).getBytes(StandardCharsets.UTF_8));
            String remoteCsv = outDir + "/" + BenchmarkModelClient.CSV_FILE;
            if (exit == 0 && !stopped && device.shell(List.of("test", "-f", remoteCsv)).ok()) {
                Path local = localDir.resolve(BenchmarkModelClient.CSV_FILE);
                device.pull(remoteCsv, local);
                csv = Optional.of(local);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the run folder " + localDir + ": " + e.getMessage(), e);
        }
        List<String> tail = all.subList(Math.max(0, all.size() - BenchmarkModelClient.OUTPUT_TAIL), all.size());
        return new BenchmarkOutcome(exit, timedOut, cancelled && !timedOut, tail, output, csv, localDir,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static String text(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l).append('\n');
        return sb.toString();
    }

    /** Exit 1 (nothing matched) is the normal case: closing the stream already ended the tool. */
    private void killLeftovers() {
        try {
            device.shell(List.of("pkill", "-9", "-f", outDir));
        } catch (LinkException e) {
            // the device is gone: so is the tool
        }
    }
}
