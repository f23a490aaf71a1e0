package dev.snapfusion.link;

import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.Median;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Push throughput of the studio (the {@link Device#pushDirect} that bundle pushes use for each file)
 * against {@code adb push} of
 * the same file to the same device through the same adb server, in the same run. Rounds alternate
 * studio and adb so that both see the same machine load; the best round of each counts.
 * <pre>{@code
 * PushBenchmark.Result r = PushBenchmark.run(device, link.adbCommand(device).orElseThrow(), file, 3);
 * System.out.printf("studio %.0f MB/s, adb %.0f MB/s, ratio %.2f%n", r.studioMbS(), r.adbMbS(), r.ratio());
 * }</pre>
 * Not a test: it prints numbers. Stateless.
 */
public final class PushBenchmark {
    static final String DIR = DevicePaths.WORK_DIR + "/bench";

    /** Best rate of each side in MB/s (10^6 bytes per second), and studio / adb. */
    public record Result(long bytes, double studioMbS, double adbMbS, double ratio, List<Double> studioRounds,
                         List<Double> adbRounds) {
        /** Median of each side's rounds, studio / adb: less flattering than the best, and as noisy. */
        public double medianRatio() {
            double a = median(adbRounds);
            return a == 0 ? 0 : median(studioRounds) / a;
        }

        /** 0 for no rounds, as the best-of figures. */
        private static double median(List<Double> xs) {
            return xs.isEmpty() ? 0 : Median.of(xs);
        }
    }

    private PushBenchmark() {
    }

    /** Writes {@code bytes} of random data (incompressible) to {@code file}. */
    public static Path makeFile(Path file, long bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Random r = new Random(42);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; ) {
                r.nextBytes(buf);
                int n = (int) Math.min(left, buf.length);
                out.write(buf, 0, n);
                left -= n;
            }
        }
        return file;
    }

    /**
     * @param adbCommand {@code adb -H host -P port -s serial}, from {@link DeviceLink#adbCommand(Device)}
     */
    public static Result run(Device d, List<String> adbCommand, Path file, int rounds) throws IOException,
            InterruptedException {
        long bytes = Files.size(file);
        ShellResult mk = d.shell(List.of("mkdir", "-p", DIR));
        if (!mk.ok()) throw new TransferException("cannot create " + DIR + " on " + d.serial() + ": " + mk.stderr(), null, false);
        List<Double> studio = new ArrayList<>();
        List<Double> adb = new ArrayList<>();
        try {
            // one untimed push each way: page cache, TCP windows and the JIT warm up
            d.pushDirect(file, DIR + "/studio.bin", TransferListener.NONE);
            adbPush(adbCommand, file, DIR + "/adb.bin");
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                d.pushDirect(file, DIR + "/studio.bin", TransferListener.NONE);
                studio.add(bytes / 1e6 / ((System.nanoTime() - t0) / 1e9));
                long t1 = System.nanoTime();
                adbPush(adbCommand, file, DIR + "/adb.bin");
                adb.add(bytes / 1e6 / ((System.nanoTime() - t1) / 1e9));
            }
        } finally {
            d.shell(List.of("rm", "-rf", DIR));
        }
        double s = studio.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double a = adb.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return new Result(bytes, s, a, a == 0 ? 0 : s / a, studio, adb);
    }

    private static void adbPush(List<String> adbCommand, Path file, String remote) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(adbCommand);
        cmd.addAll(List.of("push", file.toString(), remote));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new TransferException("adb push timed out: " + String.join(" ", cmd), null, true);
        }
        if (p.exitValue() != 0) {
            throw new TransferException("adb push failed (" + p.exitValue() + "): " + new String(out).strip(), null, true);
        }
    }
}
