package dev.snapfusion.studio.report;

import java.util.List;
import java.util.Locale;

/** The self-contained report.html: inline CSS and SVG, PNGs referenced by their names beside the file. */
final class ReportHtml {
    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:32px auto;max-width:1000px;"
                    + "color:#1f2328;background:#fafbfc}",
            "h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 12px}",
            ".prompt{font-size:15px;color:#444;margin:0 0 8px}.summary{font-size:15px;margin:8px 0 24px}",
            ".images{display:flex;gap:24px}figure{margin:0;flex:1;background:#fff;border:1px solid #dde1e6;"
                    + "border-radius:8px;padding:12px}",
            "figure img{width:100%;aspect-ratio:1/1;object-fit:contain;image-rendering:auto;background:#eef0f3}",
            "figcaption{margin-top:8px;font-size:14px}figcaption b{font-size:15px}",
            "table{border-collapse:collapse;background:#fff;min-width:640px}"
                    + "th,td{border:1px solid #dde1e6;padding:6px 12px}th{background:#f1f3f5;text-align:left}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}",
            "svg text{font-size:12px;fill:#1f2328}svg .stage{font-weight:600;font-size:13px}svg .tick{fill:#666}"
                    + "svg .axis{font-size:13px}svg .value{fill:#444}",
            ".note{font-size:13px;color:#666;max-width:760px}",
            "footer{margin-top:32px;font-size:12px;color:#666}");

    private ReportHtml() {
    }

    static String render(ComparisonReport r, List<String> images, ImageDiff diff) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>SnapFusion Studio comparison</title>\n<style>\n").append(CSS).append("\n</style>\n")
                .append("</head>\n<body>\n<h1>SnapFusion Studio comparison</h1>\n")
                .append("<p class=\"prompt\">Prompt: <q>").append(Html.escape(r.prompt())).append("</q></p>\n");
        summary(h, r);
        images(h, r, images, diff);
        latencyTable(h, r);
        h.append("<h2>Per-block UNet time by stage</h2>\n").append(BlockChartSvg.render(r));
        blockTable(h, r);
        h.append("<footer>Written by SnapFusion Studio. Block times are per-block medians of one UNet step; "
                + "timings are the device's own.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, ComparisonReport r) {
        String cand = Html.escape(r.candidate().displayName());
        String base = Html.escape(r.baseline().displayName());
        h.append(String.format(Locale.ROOT, "<p class=\"summary\"><b>%s</b> takes a UNet step <b>%s</b> faster than "
                + "<b>%s</b>, and the whole generation <b>%s</b> faster.</p>%n", cand, times(r.unetStepSpeedup()), base,
                times(r.totalSpeedup())));
        String adherence = r.adherenceSummary();
        if (!adherence.isEmpty()) h.append("<p class=\"summary adherence\">").append(Html.escape(adherence)).append("</p>\n");
    }

    private static void images(StringBuilder h, ComparisonReport r, List<String> images, ImageDiff diff) {
        h.append("<div class=\"images\">\n");
        for (int i = 0; i < r.runs().size(); i++) {
            RunSummary run = r.runs().get(i);
            h.append(String.format(Locale.ROOT, "<figure><img src=\"%s\" alt=\"%s image\">"
                            + "<figcaption><b>%s</b> · %d steps · %s · %s · %s ms total</figcaption></figure>%n",
                    Html.escape(images.get(i)), Html.escape(run.displayName()), Html.escape(run.displayName()),
                    run.timings().steps(), Html.escape(run.device()),
                    Html.escape(run.timings().runtime().isEmpty() ? "runtime not recorded" : run.timings().runtime()),
                    String.format(Locale.ROOT, "%,.0f", run.timings().totalMs())));
        }
        if (diff.comparable()) {
            h.append(String.format(Locale.ROOT, "<figure><img src=\"%s\" alt=\"difference heat-map\" style=\"image-rendering:pixelated\">"
                    + "<figcaption><b>Difference</b> · %s</figcaption></figure>%n", ReportFiles.DIFF, Html.escape(diff.metrics())));
        }
        h.append("</div>\n");
    }

    private static void latencyTable(StringBuilder h, ComparisonReport r) {
        h.append("<h2>Latency, memory and size</h2>\n<table>\n<tr><th>Component</th>");
        for (RunSummary run : r.runs()) h.append("<th>").append(Html.escape(run.displayName())).append("</th>");
        h.append("<th>").append(Html.escape(r.baseline().displayName())).append(" ÷ ")
                .append(Html.escape(r.candidate().displayName())).append("</th></tr>\n");
        for (LatencyRow row : r.latencyRows()) {
            h.append("<tr><td>").append(Html.escape(row.component())).append("</td><td class=\"num\">")
                    .append(row.formatFirst()).append("</td><td class=\"num\">").append(row.formatSecond())
                    .append("</td><td class=\"num\">").append(row.formatRatio()).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Only when a run has an op profile: each block's blockwise median beside its ops' summed time. */
    private static void blockTable(StringBuilder h, ComparisonReport r) {
        List<BlockRow> rows = r.blockRows();
        if (rows.isEmpty()) return;
        h.append("<h2>Per-block UNet time: blockwise and op profile</h2>\n<table id=\"blocks\">\n<tr><th>Block</th>");
        for (RunSummary run : r.runs()) {
            String name = Html.escape(run.displayName());
            h.append("<th>").append(name).append(" blockwise ms</th><th>").append(name).append(" ops ms</th>");
        }
        h.append("</tr>\n");
        for (BlockRow row : rows) {
            h.append("<tr><td>").append(Html.escape(row.block())).append("</td>");
            for (double v : new double[] {row.firstBlockwise(), row.firstOps(), row.secondBlockwise(), row.secondOps()}) {
                h.append("<td class=\"num\">").append(BlockRow.format(v)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p class=\"note\">blockwise: the block as its own model, median of 5 passes. ops: the "
                + "op profile of the whole UNet (one pass, TFLite 2.21 with XNNPACK's operator times), summed per block; "
                + "“unattributed” holds ops no block name covers.</p>\n");
    }

    private static String times(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.1f×", ratio) : "an unknown factor";
    }
}
