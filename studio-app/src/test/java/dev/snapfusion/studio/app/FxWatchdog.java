package dev.snapfusion.studio.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the FX thread keeps the window from answering. A daemon thread posts a
 * {@link Platform#runLater} ping every {@link #PING_MS} ms and records the delay from post to run. While a ping
 * waits longer than {@link #LATE_MS} ms, the FX thread's stack is sampled every {@link #SAMPLE_EVERY_MS} ms, so a
 * stall says what blocked it, and the FX thread's CPU time over each delay is kept: on a loaded machine a delay is
 * mostly waiting for a core, and the CPU time is the FX thread's own work. Delays are kept per phase, a label the
 * test sets ("convert sd15", "export").
 * Thread-safe; needs a running FX toolkit.
 *
 * <pre>{@code
 * try (FxWatchdog watchdog = FxWatchdog.start()) {
 *     watchdog.phase("convert");
 *     robot.clickOn("#convert-run");
 *     …
 *     System.out.print(watchdog.table());
 * }
 * }</pre>
 */
public final class FxWatchdog implements AutoCloseable {
    public static final long PING_MS = 20;
    public static final long LATE_MS = 100;
    public static final long SAMPLE_EVERY_MS = 100;
    /** Enough samples for a 5 s stall; a longer one is described well enough by these. */
    private static final int MAX_SAMPLES = 50;
    /** The table describes this many stalls: those with a blocking studio call first, then the longest. */
    private static final int DESCRIBED_STALLS = 8;
    private static final Comparator<FxStall> WORST_FIRST = Comparator
            .comparing((FxStall s) -> s.blockingStudioCall().isEmpty()).thenComparing(FxStall::gapMs, Comparator.reverseOrder());

    private final Thread fxThread;
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    private final Thread pinger;
    private final Map<String, PhaseGaps> phases = new LinkedHashMap<>();
    private final PhaseGaps all = new PhaseGaps();
    private final List<FxStall> stalls = new ArrayList<>();
    private volatile String phase = "start";
    private volatile boolean running = true;

    private FxWatchdog(Thread fxThread) {
        this.fxThread = fxThread;
        this.pinger = new Thread(this::pingLoop, "fx-watchdog");
        pinger.setDaemon(true);
    }

    /** Starts pinging the FX thread. */
    public static FxWatchdog start() throws InterruptedException {
        Thread[] fx = new Thread[1];
        CountDownLatch found = new CountDownLatch(1);
        Platform.runLater(() -> {
            fx[0] = Thread.currentThread();
            found.countDown();
        });
        if (!found.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the FX thread did not answer in 30 s");
        FxWatchdog w = new FxWatchdog(fx[0]);
        w.pinger.start();
        return w;
    }

    /** Labels the pings posted from now on. */
    public void phase(String label) {
        phase = label;
    }

    /** Every ping that waited more than {@link #LATE_MS} ms, in order. */
    public synchronized List<FxStall> stalls() {
        return List.copyOf(stalls);
    }

    /** The longest any ping waited, in ms. */
    public synchronized double largestGapMs() {
        return all.largest();
    }

    /** How many pings have run. */
    public synchronized int pings() {
        return all.pings();
    }

    /** The most CPU time the FX thread spent within one ping's delay, in ms. */
    public synchronized double largestCpuMs() {
        return all.largestCpu();
    }

    /**
     * One row per phase: pings, largest gap, p99, the most FX-thread CPU time within one gap, pings over
     * {@link #LATE_MS} ms; then the worst stalls described.
     */
    public synchronized String table() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "FX thread watchdog (ping every %d ms, "
                + "stack sampled when a ping waits over %d ms)%n", PING_MS, LATE_MS));
        b.append(String.format(Locale.ROOT, "%-26s %7s %15s %7s %12s %8s%n", "phase", "pings", "largest gap ms",
                "p99 ms", "max cpu ms", ">" + LATE_MS + " ms"));
        phases.forEach((name, g) -> b.append(row(name, g)));
        b.append(row("all", all));
        List<FxStall> worst = stalls.stream().sorted(WORST_FIRST).limit(DESCRIBED_STALLS).toList();
        for (FxStall s : worst) b.append("  stall: ").append(s.describe());
        if (stalls.size() > worst.size()) b.append("  … and ").append(stalls.size() - worst.size()).append(" shorter stall(s)\n");
        return b.toString();
    }

    private static String row(String name, PhaseGaps g) {
        return String.format(Locale.ROOT, "%-26s %7d %15.0f %7.0f %12.0f %8d%n", name, g.pings(), g.largest(),
                g.percentile(99), g.largestCpu(), g.over(LATE_MS));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        pinger.interrupt();
        pinger.join(5000);
    }

    private void pingLoop() {
        try {
            while (running) {
                pingOnce();
                Thread.sleep(PING_MS);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void pingOnce() throws InterruptedException {
        String label = phase;
        AtomicLong ranAt = new AtomicLong();
        AtomicLong cpuAtRun = new AtomicLong();
        CountDownLatch ran = new CountDownLatch(1);
        long cpuAtPost = cpu.getThreadCpuTime(fxThread.getId());
        long posted = System.nanoTime();
        Platform.runLater(() -> {
            ranAt.set(System.nanoTime());
            cpuAtRun.set(cpu.getCurrentThreadCpuTime());
            ran.countDown();
        });
        List<FxSample> samples = new ArrayList<>();
        long wait = LATE_MS;
        while (!ran.await(wait, TimeUnit.MILLISECONDS)) {
            if (!running) return;
            if (samples.size() < MAX_SAMPLES) {
                samples.add(FxSample.of((System.nanoTime() - posted) / 1e6, fxThread.getStackTrace()));
            }
            wait = SAMPLE_EVERY_MS;
        }
        double gapMs = (ranAt.get() - posted) / 1e6;
        // Without thread CPU time (-1), count the whole gap as work: the stricter reading.
        double cpuMs = cpuAtPost < 0 || cpuAtRun.get() < 0 ? gapMs : (cpuAtRun.get() - cpuAtPost) / 1e6;
        record(label, gapMs, cpuMs, samples);
    }

    private synchronized void record(String label, double gapMs, double cpuMs, List<FxSample> samples) {
        phases.computeIfAbsent(label, k -> new PhaseGaps()).add(gapMs, cpuMs);
        all.add(gapMs, cpuMs);
        if (gapMs > LATE_MS) stalls.add(new FxStall(label, gapMs, cpuMs, samples));
    }
}
