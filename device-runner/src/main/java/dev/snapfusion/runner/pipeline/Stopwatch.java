package dev.snapfusion.runner.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Millisecond samples with a median. Not thread-safe. */
final class Stopwatch {
    private final List<Double> samples = new ArrayList<>();

    void add(double ms) {
        samples.add(ms);
    }

    int count() {
        return samples.size();
    }

    double median() {
        return median(samples);
    }

    static double median(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double since(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
