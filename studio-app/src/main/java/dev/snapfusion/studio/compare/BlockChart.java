package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.KindColors;
import dev.snapfusion.studio.report.StageBreakdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;

/**
 * Per-block time as horizontal bars: one bar per (stage, run), stacked by block kind, one colour per kind.
 * Both runs sit next to each other inside each stage, so a stage where one variant drops its cross-attention
 * stands out at a glance. Colours match the HTML report ({@link KindColors}).
 */
final class BlockChart extends StackedBarChart<Number, String> {
    BlockChart() {
        super(new NumberAxis(), new CategoryAxis());
        setId("block-chart");
        getStyleClass().add("block-chart");
        getXAxis().setLabel("ms per UNet step and guidance pass (sum of block medians)");
        getYAxis().setLabel("UNet stage · variant");
        setAnimated(false);
        // Categories are set in UNet order in show(); auto-ranging would reorder them by first appearance in the data.
        getYAxis().setAutoRanging(false);
        setLegendVisible(true);
        setCategoryGap(6);
        setPrefHeight(480);
        setMinHeight(380);
    }

    void show(ComparisonReport r) {
        StageBreakdown sb = r.stageBreakdown();
        List<String> runLabels = runLabels(r);
        List<String> categories = new ArrayList<>();
        // A vertical category axis draws its first category at the bottom; reverse so the UNet reads top-down.
        for (int s = sb.stages().size() - 1; s >= 0; s--) {
            for (int i = runLabels.size() - 1; i >= 0; i--) categories.add(category(sb.stages().get(s), runLabels.get(i)));
        }
        ((CategoryAxis) getYAxis()).getCategories().setAll(categories);
        List<XYChart.Series<Number, String>> series = new ArrayList<>();
        StringBuilder palette = new StringBuilder();
        for (String kind : sb.kinds()) {
            XYChart.Series<Number, String> s = new XYChart.Series<>();
            s.setName(StageBreakdown.kindLabel(kind));
            for (String stage : sb.stages()) {
                for (int i = 0; i < r.runs().size(); i++) {
                    double ms = sb.ms(i, stage, kind);
                    XYChart.Data<Number, String> d = new XYChart.Data<>(ms, category(stage, runLabels.get(i)));
                    String tip = String.format(Locale.ROOT, "%s · %s · %s: %.1f ms", stage, runLabels.get(i),
                            StageBreakdown.kindLabel(kind), ms);
                    d.nodeProperty().addListener((obs, old, node) -> {
                        if (node != null) Tooltip.install(node, new Tooltip(tip));
                    });
                    s.getData().add(d);
                }
            }
            series.add(s);
            // Modena colours series i with CHART_COLOR_(i+1); redefining those keeps bars and legend in step.
            palette.append("CHART_COLOR_").append(series.size()).append(": ").append(KindColors.of(kind)).append("; ");
        }
        setStyle(palette.toString());
        getData().setAll(series);
    }

    private static String category(String stage, String run) {
        return stage + "  " + run;
    }

    // Two runs of the same variant still need distinct categories.
    private static List<String> runLabels(ComparisonReport r) {
        String a = r.runs().get(0).displayName();
        String b = r.runs().get(1).displayName();
        return a.equals(b) ? List.of(a + " (1)", b + " (2)") : List.of(a, b);
    }
}
