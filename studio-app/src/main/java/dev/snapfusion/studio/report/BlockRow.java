package dev.snapfusion.studio.report;

import dev.snapfusion.runner.protocol.BlockTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One UNet block with both ways of timing it, for both runs (report order): blockwise (the block run as its own
 * model, median) and from the op profile of the whole UNet (its ops' times summed, docs/op-profile.md). Unknown
 * values are NaN. The HTML report and the workbench show the same rows.
 */
public record BlockRow(String block, double firstBlockwise, double firstOps, double secondBlockwise, double secondOps) {

    /** Rows in block order (first run's, then blocks only the second has); none when no run has an op profile. */
    static List<BlockRow> of(ComparisonReport r) {
        RunSummary a = r.runs().get(0), b = r.runs().get(1);
        if (!a.hasOpProfile() && !b.hasOpProfile()) return List.of();
        Set<String> ids = new LinkedHashSet<>();
        for (RunSummary s : r.runs()) {
            for (BlockTime t : s.timings().blocks()) ids.add(t.id());
            ids.addAll(s.opBlockMs().keySet());
        }
        List<BlockRow> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(new BlockRow(id, blockwise(a, id), a.opBlockMs().getOrDefault(id, Double.NaN), blockwise(b, id),
                    b.opBlockMs().getOrDefault(id, Double.NaN)));
        }
        return List.copyOf(rows);
    }

    private static double blockwise(RunSummary s, String id) {
        for (BlockTime t : s.timings().blocks()) if (t.id().equals(id)) return t.ms();
        return Double.NaN;
    }

    /** Milliseconds as both tables show them; "—" when unknown. */
    public static String format(double ms) {
        if (!Double.isFinite(ms)) return "—";
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }
}
