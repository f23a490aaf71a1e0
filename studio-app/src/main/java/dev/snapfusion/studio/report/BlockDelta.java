package dev.snapfusion.studio.report;

import dev.snapfusion.runner.protocol.BlockTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One UNet block of either run, side by side: blockwise medians (NaN where the run has no such block, e.g. the
 * cross-attentions SnapFusion removed), Δ = second − first with a missing block counted as 0 ms (removing a block
 * saves all of it), and each run's share of its own block sum in %.
 */
public record BlockDelta(String block, String stage, String kind, double firstMs, double secondMs, double deltaMs,
                         double firstShare, double secondShare) {

    /** Rows in block order: the first run's blocks, then those only the second run has. */
    public static List<BlockDelta> of(ComparisonReport r) {
        Map<String, BlockTime> a = byId(r.runs().get(0).timings().blocks());
        Map<String, BlockTime> b = byId(r.runs().get(1).timings().blocks());
        double sumA = sum(a), sumB = sum(b);
        Map<String, BlockTime> all = new LinkedHashMap<>(a);
        b.forEach(all::putIfAbsent);
        List<BlockDelta> rows = new ArrayList<>();
        for (BlockTime t : all.values()) {
            BlockTime ta = a.get(t.id()), tb = b.get(t.id());
            double ma = ta == null ? Double.NaN : ta.ms();
            double mb = tb == null ? Double.NaN : tb.ms();
            double delta = (tb == null ? 0 : mb) - (ta == null ? 0 : ma);
            rows.add(new BlockDelta(t.id(), t.stage(), t.kind(), ma, mb, delta, share(ma, sumA), share(mb, sumB)));
        }
        return List.copyOf(rows);
    }

    private static Map<String, BlockTime> byId(List<BlockTime> blocks) {
        Map<String, BlockTime> m = new LinkedHashMap<>();
        for (BlockTime t : blocks) m.put(t.id(), t);
        return m;
    }

    private static double sum(Map<String, BlockTime> m) {
        return m.values().stream().mapToDouble(BlockTime::ms).sum();
    }

    private static double share(double ms, double sum) {
        return Double.isFinite(ms) && sum > 0 ? 100 * ms / sum : Double.NaN;
    }
}
