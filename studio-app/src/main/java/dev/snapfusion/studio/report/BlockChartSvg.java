package dev.snapfusion.studio.report;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG of per-block time: for every UNet stage one horizontal bar per run, stacked by block kind,
 * so cross-attention and ResNet cost can be read apart and the two variants compared stage by stage.
 */
final class BlockChartSvg {
    private static final int WIDTH = 960;
    private static final int LEFT = 190;
    private static final int RIGHT = 90;
    private static final int TOP = 36;
    private static final int BAR = 16;
    private static final int ROW_GAP = 4;
    private static final int GROUP_GAP = 14;

    private BlockChartSvg() {
    }

    static String render(ComparisonReport r) {
        StageBreakdown sb = r.stageBreakdown();
        List<String> stages = sb.stages();
        int runs = r.runs().size();
        int groupHeight = runs * BAR + (runs - 1) * ROW_GAP;
        int plotHeight = stages.size() * (groupHeight + GROUP_GAP);
        int height = TOP + plotHeight + 50;
        double max = Math.max(sb.maxStageTotal(), 1e-9);
        double tick = StageBreakdown.niceStep(max / 8);
        double axisMax = Math.ceil(max / tick) * tick;
        double scale = (WIDTH - LEFT - RIGHT) / axisMax;

        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"block-chart\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
                + "aria-label=\"Per-block UNet time by stage and kind\">%n", WIDTH, height, WIDTH, height));
        legend(s, sb);
        for (double v = 0; v <= axisMax + tick / 2; v += tick) {
            double x = LEFT + v * scale;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e3e5e8\"/>%n",
                    x, TOP - 6, x, TOP + plotHeight));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>%n",
                    x, TOP + plotHeight + 16, StageBreakdown.tickLabel(v, tick)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">"
                + "ms per UNet step and guidance pass (sum of block medians)</text>%n", LEFT + (WIDTH - LEFT - RIGHT) / 2, height - 8));
        int y = TOP;
        for (String stage : stages) {
            s.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\" class=\"stage\">%s</text>%n",
                    y + groupHeight / 2 + 5, Html.escape(stage)));
            for (int i = 0; i < runs; i++) {
                int rowY = y + i * (BAR + ROW_GAP);
                String run = r.runs().get(i).displayName();
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"run\">%s</text>%n",
                        LEFT - 8, rowY + BAR - 4, Html.escape(run)));
                double x = LEFT;
                for (String kind : sb.kinds()) {
                    double ms = sb.ms(i, stage, kind);
                    if (ms <= 0) continue;
                    double w = ms * scale;
                    s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                            + "fill=\"%s\"><title>%s · %s · %s: %s ms</title></rect>%n", x, rowY, w, BAR,
                            KindColors.of(kind), Html.escape(stage), Html.escape(run),
                            Html.escape(StageBreakdown.kindLabel(kind)), StageBreakdown.formatMs(ms)));
                    x += w;
                }
                double total = sb.stageTotal(i, stage);
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"value\">%s</text>%n",
                        x + 5, rowY + BAR - 4, total > 0 ? StageBreakdown.formatMs(total) + " ms" : "no blocks"));
            }
            y += groupHeight + GROUP_GAP;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void legend(StringBuilder s, StageBreakdown sb) {
        int x = LEFT;
        for (String kind : sb.kinds()) {
            String label = StageBreakdown.kindLabel(kind);
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"18\" class=\"legend\">%s</text>%n", x, KindColors.of(kind), x + 17,
                    Html.escape(label)));
            x += 34 + label.length() * 7;
        }
    }
}
