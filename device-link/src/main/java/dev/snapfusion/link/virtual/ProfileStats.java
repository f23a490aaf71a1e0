package dev.snapfusion.link.virtual;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Node times over the profiled runs, summed and printed as TFLite's StatsCalculator prints them in the layout without a
 * {@code [start]} column (tensorflow/core/util/stats_calculator.cc; docs/op-profiles.md "text" and "csv"): Run Order,
 * Top by Computation Time, Summary by node type, then the Timings line. Run totals are the sums of the node times of a
 * run, as TFLite's profile summarizer counts them. Not thread-safe.
 */
final class ProfileStats {
    static final int TOP = 10;

    /** One node over all runs; {@code order} is where it first ran. */
    private static final class Detail {
        final String type;
        final String name;
        final int order;
        long first = -1;
        long sum;
        long calls;

        Detail(String type, String name, int order) {
            this.type = type;
            this.name = name;
            this.order = order;
        }

        double avgMs() {
            return sum / (double) calls / 1000.0;
        }
    }

    private final Map<String, Detail> details = new LinkedHashMap<>();
    private final List<Long> runTotals = new ArrayList<>();

    void addRun(List<NodeTime> nodes) {
        long total = 0;
        for (NodeTime n : nodes) {
            Detail d = details.computeIfAbsent(n.name(), k -> new Detail(n.type(), n.name(), details.size()));
            if (d.first < 0) d.first = n.us();
            d.sum += n.us();
            d.calls++;
            total += n.us();
        }
        runTotals.add(total);
    }

    boolean isEmpty() {
        return runTotals.isEmpty();
    }

    /** The tables of one graph and its short summary, as the profile summary formatter writes them. */
    String report(boolean csv) {
        StringBuilder s = new StringBuilder();
        List<Detail> runOrder = new ArrayList<>(details.values());
        List<Detail> byTime = new ArrayList<>(runOrder);
        byTime.sort(Comparator.comparingDouble(Detail::avgMs).reversed().thenComparingInt(d -> d.order));
        table(s, "Run Order", runOrder, csv);
        table(s, "Top by Computation Time", byTime.subList(0, Math.min(TOP, byTime.size())), csv);
        byType(s, csv);
        s.append("Timings (microseconds): ").append(timings()).append('\n');
        s.append("Memory (bytes): count=0\n");
        s.append(details.size()).append(" nodes observed\n\n");
        return s.toString();
    }

    private void table(StringBuilder s, String title, List<Detail> rows, boolean csv) {
        s.append("============================== ").append(title).append(" ==============================\n");
        if (csv) {
            s.append("node type, first, avg_ms, %, cdf%, mem KB, times called, name\n");
        } else {
            s.append(CppFormat.field(24, "[node type]")).append(CppFormat.field(9, "[first]")).append(CppFormat.field(9, "[avg ms]"))
                    .append(CppFormat.field(8, "[%]")).append(CppFormat.field(8, "[cdf%]")).append(CppFormat.field(10, "[mem KB]"))
                    .append(CppFormat.field(9, "[times called]")).append("\t[Name]\n");
        }
        double all = runTotals.stream().mapToLong(Long::longValue).sum();
        double cumulative = 0;
        int runs = runTotals.size();
        for (Detail d : rows) {
            cumulative += d.sum;
            double first = d.first / 1000.0;
            double pct = all > 0 ? d.sum * 100.0 / all : Double.NaN;
            double cdf = all > 0 ? cumulative * 100.0 / all : Double.NaN;
            long timesCalled = d.calls / runs;
            if (csv) {
                // A name's commas become tabs, so a CSV row keeps its column count (as TFLite does).
                s.append(d.type).append(", ").append(CppFormat.general(first)).append(", ").append(CppFormat.general(d.avgMs()))
                        .append(", ").append(CppFormat.general(pct)).append("%, ").append(CppFormat.general(cdf)).append("%, 0, ")
                        .append(timesCalled).append(", ").append(d.name.replace(',', '\t')).append('\n');
            } else {
                s.append(CppFormat.field(24, d.type)).append(CppFormat.field(9, CppFormat.fixed3(first)))
                        .append(CppFormat.field(9, CppFormat.fixed3(d.avgMs()))).append(CppFormat.field(7, CppFormat.fixed3(pct))).append('%')
                        .append(CppFormat.field(7, CppFormat.fixed3(cdf))).append('%').append(CppFormat.field(10, CppFormat.fixed3(0)))
                        .append(CppFormat.field(9, Long.toString(timesCalled))).append('\t').append(d.name).append('\n');
            }
        }
        s.append('\n');
    }

    /** Per node type: its nodes' per-run times summed (whole µs, as TFLite divides), largest first. */
    private void byType(StringBuilder s, boolean csv) {
        int runs = runTotals.size();
        Map<String, long[]> types = new TreeMap<>();   // type → {count, µs per run, times called per run}
        long accumulated = 0;
        for (Detail d : details.values()) {
            long perRun = d.sum / runs;
            accumulated += perRun;
            long[] t = types.computeIfAbsent(d.type, k -> new long[3]);
            t[0]++;
            t[1] += perRun;
            t[2] += d.calls / runs;
        }
        s.append("Number of nodes executed: ").append(details.size()).append('\n');
        s.append("============================== Summary by node type ==============================\n");
        if (csv) {
            s.append("node type, count, avg_ms, avg %, cdf %, mem KB, times called\n");
        } else {
            s.append(CppFormat.field(24, "[Node type]")).append(CppFormat.field(9, "[count]")).append(CppFormat.field(10, "[avg ms]"))
                    .append(CppFormat.field(11, "[avg %]")).append(CppFormat.field(11, "[cdf %]")).append(CppFormat.field(10, "[mem KB]"))
                    .append(CppFormat.field(10, "[times called]")).append('\n');
        }
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(types.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed()
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()));
        float cdf = 0;
        for (Map.Entry<String, long[]> e : sorted) {
            long[] t = e.getValue();
            float ms = t[1] / 1000.0f;
            float pct = t[1] / (float) accumulated * 100.0f;
            cdf += pct;
            if (csv) {
                s.append(e.getKey()).append(", ").append(t[0]).append(", ").append(CppFormat.general(ms)).append(", ")
                        .append(CppFormat.general(pct)).append("%, ").append(CppFormat.general(cdf)).append("%, 0, ").append(t[2]).append('\n');
            } else {
                s.append(CppFormat.field(24, e.getKey())).append(CppFormat.field(9, Long.toString(t[0])))
                        .append(CppFormat.field(10, CppFormat.fixed3(ms))).append(CppFormat.field(10, CppFormat.fixed3(pct))).append('%')
                        .append(CppFormat.field(10, CppFormat.fixed3(cdf))).append('%').append(CppFormat.field(10, CppFormat.fixed3(0)))
                        .append(CppFormat.field(9, Long.toString(t[2]))).append('\n');
            }
        }
        s.append('\n');
    }

    /** Stat::OutputToStream of the run totals. */
    private String timings() {
        return TimingStat.format(runTotals);
    }
}
