package dev.snapfusion.runner.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Peak resident memory per pipeline phase. Each phase starts by resetting the kernel's high-water mark
 * ({@code echo 5 > /proc/self/clear_refs}, Linux 4.0+, Android included), so VmHWM read at its end is that phase's
 * own peak: what the component costs while it is the only one loaded. Where the reset is refused the values are
 * cumulative, and {@link #resettable()} says so. Not thread-safe.
 */
final class PhasePeaks {
    private final Map<String, Long> byPhase = new LinkedHashMap<>();
    private boolean resettable = true;

    void startPhase() {
        resettable &= DeviceInfo.resetPeakRss();
    }

    void endPhase(String phase) {
        byPhase.put(phase, DeviceInfo.peakRssKb());
    }

    Map<String, Long> byPhase() {
        return byPhase;
    }

    boolean resettable() {
        return resettable;
    }

    /** The run's peak: the largest phase peak, or {@code lastReading} if larger (or if no phase was read). */
    long overall(long lastReading) {
        long max = lastReading;
        for (long v : byPhase.values()) max = Math.max(max, v);
        return max;
    }
}
