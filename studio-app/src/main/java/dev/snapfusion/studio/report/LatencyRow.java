package dev.snapfusion.studio.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One line of the per-component table: a quantity for both runs (in the report's run order) and
 * baseline ÷ candidate, so a ratio above 1 always means the candidate needs less.
 * Unknown values are NaN.
 */
public record LatencyRow(String component, Unit unit, double first, double second, double ratio) {

    /** How a row's numbers are shown. */
    public enum Unit { MILLISECONDS, KILOBYTES, BYTES }

    /** Phases with their own VmHWM in timings.json (peak_memory_kb_by_phase), and their labels. */
    private static final String[][] PHASES = {
        {"text_encoder", "text encoder loaded"}, {"unet", "UNet loaded"}, {"vae_decoder", "decoder loaded"}};

    static List<LatencyRow> of(ComparisonReport r) {
        List<LatencyRow> rows = new ArrayList<>();
        rows.add(row(r, "Text encoder", Unit.MILLISECONDS, s -> s.timings().textEncoderMs()));
        rows.add(row(r, "UNet median step", Unit.MILLISECONDS, RunSummary::unetMedianStepMs));
        rows.add(row(r, "UNet, all steps", Unit.MILLISECONDS, RunSummary::unetTotalMs));
        rows.add(row(r, "Decoder", Unit.MILLISECONDS, s -> s.timings().decoderMs()));
        rows.add(row(r, "Total", Unit.MILLISECONDS, s -> s.timings().totalMs()));
        rows.add(row(r, "Blockwise copy overhead", Unit.MILLISECONDS,
                s -> s.timings().blockOverheadMs()));
        rows.add(row(r, "Peak memory", Unit.KILOBYTES,
                s -> s.timings().peakMemoryKb() > 0 ? s.timings().peakMemoryKb() : Double.NaN));
        for (String[] phase : PHASES) {
            rows.add(row(r, "Peak memory, " + phase[1], Unit.KILOBYTES,
                    s -> s.timings().peakMemoryKbByComponent().getOrDefault(phase[0], -1L) > 0
                            ? s.timings().peakMemoryKbByComponent().get(phase[0]) : Double.NaN));
        }
        rows.add(row(r, "Bundle size", Unit.BYTES, s -> s.bundleBytes() >= 0 ? s.bundleBytes() : Double.NaN));
        // A row neither run reports (older runs without phase peaks, whole-mode runs without an overhead) says nothing.
        rows.removeIf(row -> !Double.isFinite(row.first()) && !Double.isFinite(row.second()));
        return List.copyOf(rows);
    }

    private static LatencyRow row(ComparisonReport r, String name, Unit unit, ToDoubleFunction<RunSummary> f) {
        double first = f.applyAsDouble(r.runs().get(0));
        double second = f.applyAsDouble(r.runs().get(1));
        double ratio = f.applyAsDouble(r.baseline()) / f.applyAsDouble(r.candidate());
        return new LatencyRow(name, unit, first, second, ratio);
    }

    public String formatFirst() {
        return format(first);
    }

    public String formatSecond() {
        return format(second);
    }

    public String formatRatio() {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f×", ratio) : "—";
    }

    private String format(double v) {
        if (!Double.isFinite(v)) return "—";
        switch (unit) {
            case MILLISECONDS:
                return v >= 100 ? String.format(Locale.ROOT, "%,.0f ms", v) : String.format(Locale.ROOT, "%.1f ms", v);
            case KILOBYTES:
                return String.format(Locale.ROOT, "%,.0f MiB", v / 1024);
            case BYTES:
                return v >= 1 << 30 ? String.format(Locale.ROOT, "%.2f GiB", v / (1 << 30))
                        : String.format(Locale.ROOT, "%,.0f MiB", v / (1 << 20));
            default:
                throw new IllegalStateException("unit " + unit);
        }
    }
}
