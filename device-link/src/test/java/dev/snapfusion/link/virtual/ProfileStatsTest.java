package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tables of the emulated profile, byte for byte, from two runs whose numbers are worked out by hand with
 * StatsCalculator's arithmetic: per node first and mean, shares of the summed run totals, type sums per run.
 */
class ProfileStatsTest {
    private static ProfileStats twoRuns() {
        ProfileStats s = new ProfileStats();
        s.addRun(List.of(new NodeTime("CONV_2D", "[b.0/t1]:0", 1000), new NodeTime("ADD", "[b.1/t2]:1", 500)));
        s.addRun(List.of(new NodeTime("CONV_2D", "[b.0/t1]:0", 3000), new NodeTime("ADD", "[b.1/t2]:1", 500)));
        return s;
    }

    @Test
    void report_text_runOrderTopSummaryAndTimings() {
        String row = "\t%24s\t%9s\t%9s\t%7s%%\t%7s%%\t%10s\t%9s\t%s\n";
        String expected = "============================== Run Order ==============================\n"
                + "\t             [node type]\t  [first]\t [avg ms]\t     [%]\t  [cdf%]\t  [mem KB]\t[times called]\t[Name]\n"
                + String.format(row, "CONV_2D", "1.000", "2.000", "80.000", "80.000", "0.000", "1", "[b.0/t1]:0")
                + String.format(row, "ADD", "0.500", "0.500", "20.000", "100.000", "0.000", "1", "[b.1/t2]:1")
                + "\n"
                + "============================== Top by Computation Time ==============================\n"
                + "\t             [node type]\t  [first]\t [avg ms]\t     [%]\t  [cdf%]\t  [mem KB]\t[times called]\t[Name]\n"
                + String.format(row, "CONV_2D", "1.000", "2.000", "80.000", "80.000", "0.000", "1", "[b.0/t1]:0")
                + String.format(row, "ADD", "0.500", "0.500", "20.000", "100.000", "0.000", "1", "[b.1/t2]:1")
                + "\n"
                + "Number of nodes executed: 2\n"
                + "============================== Summary by node type ==============================\n"
                + "\t             [Node type]\t  [count]\t  [avg ms]\t    [avg %]\t    [cdf %]\t  [mem KB]\t[times called]\n"
                + "\t                 CONV_2D\t        1\t     2.000\t    80.000%\t    80.000%\t     0.000\t        1\n"
                + "\t                     ADD\t        1\t     0.500\t    20.000%\t   100.000%\t     0.000\t        1\n"
                + "\n"
                + "Timings (microseconds): count=2 first=1500 curr=3500 min=1500 max=3500 avg=2500 std=1000\n"
                + "Memory (bytes): count=0\n"
                + "2 nodes observed\n\n";
        assertThat(twoRuns().report(false)).isEqualTo(expected);
    }

    @Test
    void report_csv_sameNumbersInTheCsvLayout() {
        String expected = "============================== Run Order ==============================\n"
                + "node type, first, avg_ms, %, cdf%, mem KB, times called, name\n"
                + "CONV_2D, 1, 2, 80%, 80%, 0, 1, [b.0/t1]:0\n"
                + "ADD, 0.5, 0.5, 20%, 100%, 0, 1, [b.1/t2]:1\n"
                + "\n"
                + "============================== Top by Computation Time ==============================\n"
                + "node type, first, avg_ms, %, cdf%, mem KB, times called, name\n"
                + "CONV_2D, 1, 2, 80%, 80%, 0, 1, [b.0/t1]:0\n"
                + "ADD, 0.5, 0.5, 20%, 100%, 0, 1, [b.1/t2]:1\n"
                + "\n"
                + "Number of nodes executed: 2\n"
                + "============================== Summary by node type ==============================\n"
                + "node type, count, avg_ms, avg %, cdf %, mem KB, times called\n"
                + "CONV_2D, 1, 2, 80%, 80%, 0, 1\n"
                + "ADD, 1, 0.5, 20%, 100%, 0, 1\n"
                + "\n"
                + "Timings (microseconds): count=2 first=1500 curr=3500 min=1500 max=3500 avg=2500 std=1000\n"
                + "Memory (bytes): count=0\n"
                + "2 nodes observed\n\n";
        assertThat(twoRuns().report(true)).isEqualTo(expected);
    }

    @Test
    void report_topByTime_slowestTenOnlyInTimeOrder_csvNameCommasBecomeTabs() {
        ProfileStats s = new ProfileStats();
        List<NodeTime> run = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) run.add(new NodeTime("MUL", "[m/t" + i + "]:" + i, 100 + i));
        run.add(new NodeTime("SPLIT", "[s/t0, s/t1]:12", 5));
        s.addRun(run);
        String csv = s.report(true);
        String top = csv.substring(csv.indexOf("Top by Computation Time"), csv.indexOf("Number of nodes"));
        assertThat(top.lines().filter(l -> l.startsWith("MUL"))).hasSize(ProfileStats.TOP)
                .first().asString().endsWith("[m/t11]:11");
        assertThat(csv).contains("SPLIT, 0.005, 0.005, ").contains("[s/t0\t s/t1]:12");
        assertThat(csv).contains("Timings (microseconds): count=1 curr=" + (12 * 100 + 66 + 5) + "\n");
    }
}
