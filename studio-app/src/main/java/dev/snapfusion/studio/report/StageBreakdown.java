package dev.snapfusion.studio.report;

import dev.snapfusion.runner.protocol.BlockTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Block milliseconds summed per (run, stage, kind), in UNet order. Both charts (HTML and workbench) draw from this,
 * so they cannot disagree.
 */
public final class StageBreakdown {
    /** UNet stages in data-flow order; stages a runner reports beyond these are appended in the order seen. */
    public static final List<String> STAGE_ORDER = List.of("stem", "down.0", "down.1", "down.2", "down.3", "mid",
            "up.0", "up.1", "up.2", "up.3");
    /** Block kinds in legend order; unknown kinds are appended in the order seen. */
    public static final List<String> KIND_ORDER = List.of("cross_attention", "resnet", "downsample", "upsample", "stem");

    private final List<String> stages;
    private final List<String> kinds;
    /** Per run (report order): stage → kind → ms. */
    private final List<Map<String, Map<String, Double>>> perRun;

    private StageBreakdown(List<String> stages, List<String> kinds, List<Map<String, Map<String, Double>>> perRun) {
        this.stages = stages;
        this.kinds = kinds;
        this.perRun = perRun;
    }

    static StageBreakdown of(List<RunSummary> runs) {
        Set<String> stages = new LinkedHashSet<>(STAGE_ORDER);
        Set<String> seenKinds = new LinkedHashSet<>();
        List<Map<String, Map<String, Double>>> perRun = new ArrayList<>();
        for (RunSummary run : runs) {
            Map<String, Map<String, Double>> byStage = new LinkedHashMap<>();
            for (BlockTime b : run.timings().blocks()) {
                stages.add(b.stage());
                seenKinds.add(b.kind());
                byStage.computeIfAbsent(b.stage(), s -> new LinkedHashMap<>()).merge(b.kind(), b.ms(), Double::sum);
            }
            perRun.add(byStage);
        }
        List<String> kinds = new ArrayList<>();
        for (String k : KIND_ORDER) if (seenKinds.contains(k)) kinds.add(k);
        for (String k : seenKinds) if (!kinds.contains(k)) kinds.add(k);
        return new StageBreakdown(List.copyOf(stages), List.copyOf(kinds), perRun);
    }

    /** Every standard stage, even when no run reports blocks in it, so runs line up stage by stage. */
    public List<String> stages() {
        return stages;
    }

    /** Kinds that occur in at least one run. */
    public List<String> kinds() {
        return kinds;
    }

    /** Summed ms of one kind in one stage of run {@code runIndex}; 0 when the run has no such block. */
    public double ms(int runIndex, String stage, String kind) {
        return perRun.get(runIndex).getOrDefault(stage, Map.of()).getOrDefault(kind, 0.0);
    }

    public double stageTotal(int runIndex, String stage) {
        return perRun.get(runIndex).getOrDefault(stage, Map.of()).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public double maxStageTotal() {
        double max = 0;
        for (int i = 0; i < perRun.size(); i++) {
            for (String s : stages) max = Math.max(max, stageTotal(i, s));
        }
        return max;
    }

    public boolean isEmpty() {
        return kinds.isEmpty();
    }

    /** Legend text for a kind ("cross_attention" → "Cross-attention"). */
    public static String kindLabel(String kind) {
        switch (kind) {
            case "cross_attention": return "Cross-attention";
            case "resnet": return "ResNet";
            case "downsample": return "Downsample";
            case "upsample": return "Upsample";
            case "stem": return "Stem";
            default: return kind;
        }
    }

    /** 1, 2 or 5 times a power of ten, so axis ticks are round numbers. */
    public static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    /** An axis tick's label: whole numbers when the ticks are 1 ms or more apart, else as {@link #formatMs}. */
    public static String tickLabel(double v, double tick) {
        return tick >= 1 ? String.format(java.util.Locale.ROOT, "%.0f", v) : formatMs(v);
    }

    /** Milliseconds as both charts print them: one decimal below 100, none above. */
    public static String formatMs(double v) {
        return v >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
