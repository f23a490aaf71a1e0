package dev.snapfusion.runner;

import java.util.Arrays;
import java.util.List;

/** The median every timing in the project reports (runner blocks, benchmarks): the mean of the middle two for even counts. */
public final class Median {
    private Median() {
    }

    /** NaN for no samples. */
    public static double of(double[] samples) {
        if (samples.length == 0) return Double.NaN;
        double[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** NaN for no samples. */
    public static double of(List<Double> samples) {
        return of(samples.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
