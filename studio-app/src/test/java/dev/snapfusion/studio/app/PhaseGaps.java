package dev.snapfusion.studio.app;

import java.util.Arrays;

/** The ping delays of one phase of a test, in ms. Not thread-safe: the watchdog guards it. */
final class PhaseGaps {
    private double[] gaps = new double[256];
    private int count;
    private double largestCpu;

    /** @param cpuMs the FX thread's CPU time during the delay */
    void add(double ms, double cpuMs) {
        if (count == gaps.length) gaps = Arrays.copyOf(gaps, count * 2);
        gaps[count++] = ms;
        largestCpu = Math.max(largestCpu, cpuMs);
    }

    double largestCpu() {
        return largestCpu;
    }

    int pings() {
        return count;
    }

    double largest() {
        double max = 0;
        for (int i = 0; i < count; i++) max = Math.max(max, gaps[i]);
        return max;
    }

    /** The nearest-rank percentile ({@code p} in (0, 100]); 0 without pings. */
    double percentile(double p) {
        if (count == 0) return 0;
        double[] sorted = Arrays.copyOf(gaps, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * count);
        return sorted[Math.max(0, rank - 1)];
    }

    int over(double ms) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (gaps[i] > ms) n++;
        }
        return n;
    }
}
