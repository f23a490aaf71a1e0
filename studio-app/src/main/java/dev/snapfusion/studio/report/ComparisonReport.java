package dev.snapfusion.studio.report;

import java.nio.file.Path;
import java.util.List;

/**
 * Two runs of the same prompt side by side, usually SnapFusion at 8 steps against SD-v1.5 at 50 steps.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * ComparisonReport r = ComparisonReport.fromRunDirs(sfRun, new RunExtras(bundleBytes, "Pixel 8"), sdRun, RunExtras.NONE);
 * ReportWriter.write(r, outDir);   // report.json, report.html, snapfusion.png, sd15.png
 * }</pre>
 *
 * @param prompt the prompt of the first run (both runs are expected to share it)
 * @param runs exactly two runs, in the order given
 */
public record ComparisonReport(String prompt, List<RunSummary> runs) {
    public static final int VERSION = 1;

    public ComparisonReport {
        runs = List.copyOf(runs);
        if (runs.size() != 2) throw new IllegalArgumentException("a comparison needs exactly two runs, got " + runs.size());
        if (prompt == null) prompt = "";
    }

    /** @throws ComparisonException naming the folder or file when a run folder is incomplete or malformed */
    public static ComparisonReport fromRunDirs(Path runA, Path runB) {
        return fromRunDirs(runA, RunExtras.NONE, runB, RunExtras.NONE);
    }

    /** @throws ComparisonException naming the folder or file when a run folder is incomplete or malformed */
    public static ComparisonReport fromRunDirs(Path runA, RunExtras extrasA, Path runB, RunExtras extrasB) {
        RunDirLoader.Loaded a = RunDirLoader.load(runA, extrasA);
        RunDirLoader.Loaded b = RunDirLoader.load(runB, extrasB);
        return new ComparisonReport(a.prompt(), List.of(a.summary(), b.summary()));
    }

    /**
     * The run the speed-ups are measured against: the SD-v1.5 run when exactly one run is SD-v1.5,
     * otherwise the second run.
     */
    public RunSummary baseline() {
        return runs.get(baselineIndex());
    }

    /** The run being measured: the one that is not {@link #baseline()}. */
    public RunSummary candidate() {
        return runs.get(1 - baselineIndex());
    }

    /** Baseline median UNet step over candidate median UNet step; 7.4 means the candidate steps 7.4× faster. */
    public double unetStepSpeedup() {
        return baseline().unetMedianStepMs() / candidate().unetMedianStepMs();
    }

    /** Baseline end-to-end time over candidate end-to-end time. */
    public double totalSpeedup() {
        return baseline().timings().totalMs() / candidate().timings().totalMs();
    }

    /**
     * One sentence of prompt adherence per variant from the toy judge (docs/judge.md), e.g. "Prompt adherence (toy
     * judge): SnapFusion colour 88% · shape 63% of 9 images; SD-v1.5 …"; empty when no run's prompt is in the grammar.
     */
    public String adherenceSummary() {
        List<String> parts = new java.util.ArrayList<>();
        for (RunSummary run : runs) {
            if (!run.hasAdherence()) continue;
            var a = run.adherence();
            parts.add(String.format(java.util.Locale.ROOT, "%s colour %.0f%% · shape %.0f%% of %d image%s", run.displayName(),
                    a.colorAdherencePct(), a.shapeAdherencePct(), a.judged(), a.judged() == 1 ? "" : "s"));
        }
        return parts.isEmpty() ? "" : "Prompt adherence (toy judge): " + String.join("; ", parts) + ".";
    }

    /** Rows of the per-component latency table, shared by the HTML report and the workbench. */
    public List<LatencyRow> latencyRows() {
        return LatencyRow.of(this);
    }

    /** Per-block rows with blockwise and op-profile times; empty unless a run has op_profile.json. */
    public List<BlockRow> blockRows() {
        return BlockRow.of(this);
    }

    /** Per-stage, per-kind block milliseconds of both runs, shared by the HTML chart and the workbench chart. */
    public StageBreakdown stageBreakdown() {
        return StageBreakdown.of(runs);
    }

    private int baselineIndex() {
        boolean firstIsSd = Variants.SD15.equals(runs.get(0).variant());
        boolean secondIsSd = Variants.SD15.equals(runs.get(1).variant());
        return firstIsSd && !secondIsSd ? 0 : 1;
    }
}
