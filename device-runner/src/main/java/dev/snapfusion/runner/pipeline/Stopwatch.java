package dev.snapfusion.runner.pipeline;

import dev.snapfusion.runner.Median;
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
        return Median.of(samples);
    }

    static double since(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
