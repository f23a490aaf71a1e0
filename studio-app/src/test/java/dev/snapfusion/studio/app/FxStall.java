package dev.snapfusion.studio.app;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A ping that waited longer than {@link FxWatchdog#LATE_MS} for the FX thread, with the stack samples taken
 * meanwhile (one per {@link FxWatchdog#SAMPLE_EVERY_MS}).
 *
 * @param cpuMs the FX thread's CPU time during the wait: its own work, without the time it waited for a core,
 *              for a lock or for the disk
 */
public record FxStall(String phase, double gapMs, double cpuMs, List<FxSample> samples) {
    public FxStall {
        samples = List.copyOf(samples);
    }

    /**
     * True when a sample caught the FX thread at work. False when every sample found it waiting in its loop, or
     * none was taken (the watchdog's thread was held up too: a GC pause or a machine busy with other processes).
     */
    public boolean fxThreadBusy() {
        return samples.stream().anyMatch(s -> !s.idle());
    }

    /** The first studio frame a sample caught below a blocking call, e.g. a file read in a page's click handler. */
    public Optional<String> blockingStudioCall() {
        return samples.stream().map(FxSample::blockingStudioCall).flatMap(Optional::stream).findFirst();
    }

    /** The gap, what the test was doing, and the FX thread's stack at the first sample that found it at work. */
    public String describe() {
        String head = String.format(Locale.ROOT, "%.0f ms (FX thread CPU %.0f ms) during \"%s\", %d sample(s)", gapMs,
                cpuMs, phase, samples.size());
        Optional<String> blame = blockingStudioCall();
        if (blame.isPresent()) head += "; BLOCKING STUDIO CALL " + blame.get();
        Optional<FxSample> busy = samples.stream().filter(s -> !s.idle()).findFirst();
        if (busy.isEmpty()) return head + (samples.isEmpty() ? "; no sample (the ping ran first, or the whole process was held up)"
                : "; each sample found the FX thread idle in its loop (a scheduling delay)") + "\n";
        return head + String.format(Locale.ROOT, "; FX thread at %.0f ms:%n", busy.get().afterMs()) + busy.get().top(12);
    }
}
