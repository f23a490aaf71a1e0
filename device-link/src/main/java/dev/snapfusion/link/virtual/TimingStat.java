package dev.snapfusion.link.virtual;

import java.util.List;

/**
 * Whole-microsecond timings as TFLite's {@code Stat<int64_t>::OutputToStream} prints them
 * (tensorflow/core/util/stats_calculator.h): {@code count=0}; {@code count=N curr=X} when all are equal (with
 * {@code (all same)} after more than one); else count, first, curr, min, max, avg and the integer std. Stateless.
 */
final class TimingStat {
    private TimingStat() {
    }

    static String format(List<Long> us) {
        if (us.isEmpty()) return "count=0";
        long first = us.get(0);
        long curr = us.get(us.size() - 1);
        long min = us.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = us.stream().mapToLong(Long::longValue).max().orElseThrow();
        if (min == max) return "count=" + us.size() + " curr=" + curr + (us.size() > 1 ? "(all same)" : "");
        double avg = us.stream().mapToLong(Long::longValue).average().orElseThrow();
        double squares = us.stream().mapToDouble(v -> (double) v * v).sum();
        long std = (long) Math.sqrt(Math.max(0, squares / us.size() - avg * avg));
        return "count=" + us.size() + " first=" + first + " curr=" + curr + " min=" + min + " max=" + max + " avg="
                + CppFormat.general(avg) + " std=" + std;
    }
}
