package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.KindColors;
import dev.snapfusion.studio.report.StageBreakdown;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * Per-block time as horizontal bars: one bar per (stage, run), stacked by block kind, one colour per kind, the
 * stage's total at the bar's end. Both runs sit next to each other inside each stage, so a stage where one variant
 * drops its cross-attention stands out at a glance. Same layout and colours as the HTML report's SVG
 * ({@link KindColors}, {@link StageBreakdown}).
 *
 * <p>Plain regions and labels placed by hand rather than a {@code StackedBarChart}: the chart's category axis cost
 * the FX thread 90–120 ms per layout with two dozen bars (the watchdog's largest stalls during "compare"); this
 * lays out in well under a millisecond. Hovering a bar shows its value.
 */
public final class BlockChart extends Region {
    private static final double BAR = 16;
    private static final double ROW_GAP = 4;
    private static final double GROUP_GAP = 14;
    private static final double GAP = 8;

    /** One drawn bar segment: the kind's summed block time in one stage of one run. */
    public record Bar(String stage, String run, String kind, double ms) {
    }

    private final FlowPane legend = new FlowPane(14, 4);
    private final List<Label> stageLabels = new ArrayList<>();
    private final List<Label> runLabels = new ArrayList<>();
    private final List<Label> valueLabels = new ArrayList<>();
    private final List<Region> bars = new ArrayList<>();
    private final List<Region> gridLines = new ArrayList<>();
    private final List<Label> tickLabels = new ArrayList<>();
    private final Label axisLabel = new Label("ms per UNet step and guidance pass (sum of block medians)");
    private StageBreakdown breakdown;
    private int runs;
    private double axisMax = 1;
    private double tick = 1;

    BlockChart() {
        setId("block-chart");
        getStyleClass().add("block-chart");
        legend.getStyleClass().add("block-chart-legend");
        axisLabel.getStyleClass().add("block-chart-axis-label");
        setMinHeight(200);
    }

    void show(ComparisonReport r) {
        breakdown = r.stageBreakdown();
        runs = r.runs().size();
        List<String> runNames = runNames(r);
        stageLabels.clear();
        runLabels.clear();
        valueLabels.clear();
        bars.clear();
        gridLines.clear();
        tickLabels.clear();
        legend.getChildren().clear();

        for (String kind : breakdown.kinds()) {
            Region swatch = new Region();
            swatch.getStyleClass().add("block-chart-swatch");
            swatch.setBackground(fill(kind));
            swatch.setMinSize(12, 12);
            swatch.setMaxSize(12, 12);
            Label l = new Label(StageBreakdown.kindLabel(kind), swatch);
            l.getStyleClass().add("block-chart-legend-label");
            legend.getChildren().add(l);
        }
        double max = Math.max(breakdown.maxStageTotal(), 1e-9);
        tick = StageBreakdown.niceStep(max / 6);
        axisMax = Math.ceil(max / tick) * tick;
        for (double v = 0; v <= axisMax + tick / 2; v += tick) {
            Region line = new Region();
            line.getStyleClass().add("block-chart-grid");
            gridLines.add(line);
            Label t = new Label(tick >= 1 ? String.format(java.util.Locale.ROOT, "%.0f", v) : StageBreakdown.formatMs(v));
            t.getStyleClass().add("block-chart-tick");
            tickLabels.add(t);
        }
        for (String stage : breakdown.stages()) {
            stageLabels.add(styled(new Label(stage), "block-chart-stage"));
            for (int i = 0; i < runs; i++) {
                String run = runNames.get(i);
                runLabels.add(styled(new Label(run), "block-chart-run"));
                for (String kind : breakdown.kinds()) {
                    double ms = breakdown.ms(i, stage, kind);
                    if (ms <= 0) continue;
                    Region bar = new Region();
                    bar.getStyleClass().add("block-chart-bar");
                    bar.setBackground(fill(kind));
                    bar.setUserData(new Bar(stage, run, kind, ms));
                    bar.setOnMouseEntered(e -> installTooltip(bar));
                    bars.add(bar);
                }
                double total = breakdown.stageTotal(i, stage);
                valueLabels.add(styled(new Label(total > 0 ? StageBreakdown.formatMs(total) + " ms" : "no blocks"),
                        "block-chart-value"));
            }
        }
        List<Node> all = new ArrayList<>(gridLines);
        all.add(legend);
        all.addAll(tickLabels);
        all.add(axisLabel);
        all.addAll(stageLabels);
        all.addAll(runLabels);
        all.addAll(bars);
        all.addAll(valueLabels);
        getChildren().setAll(all);
        requestLayout();
    }

    // Colours set directly, not as inline CSS: dozens of style strings to parse on every show.
    private static Background fill(String kind) {
        return new Background(new BackgroundFill(Color.web(KindColors.of(kind)), CornerRadii.EMPTY, Insets.EMPTY));
    }

    // A tooltip per bar, made on the first hover: dozens of popups made up front cost the FX thread for nothing.
    private static void installTooltip(Region bar) {
        if (bar.getProperties().containsKey(Tooltip.class)) return;
        Bar b = (Bar) bar.getUserData();
        Tooltip tip = new Tooltip(b.stage() + " · " + b.run() + " · " + StageBreakdown.kindLabel(b.kind()) + ": "
                + StageBreakdown.formatMs(b.ms()) + " ms");
        tip.setShowDelay(Duration.millis(150));
        Tooltip.install(bar, tip);
        bar.getProperties().put(Tooltip.class, tip);
    }

    /** The drawn bar segments in UNet order (what a hover shows). */
    public List<Bar> bars() {
        return bars.stream().map(b -> (Bar) b.getUserData()).toList();
    }

    private static Label styled(Label l, String style) {
        l.getStyleClass().add(style);
        l.setAlignment(Pos.CENTER_LEFT);
        return l;
    }

    private double groupHeight() {
        return runs * BAR + Math.max(0, runs - 1) * ROW_GAP;
    }

    private double legendHeight(double width) {
        return legend.prefHeight(width) + GAP;
    }

    private double contentWidth(double width) {
        return (width < 0 ? computePrefWidth(-1) : width) - snappedLeftInset() - snappedRightInset();
    }

    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL;   // the legend wraps, so the height depends on the width
    }

    @Override
    protected double computePrefHeight(double width) {
        if (breakdown == null) return 200;
        double plot = breakdown.stages().size() * (groupHeight() + GROUP_GAP);
        return snappedTopInset() + legendHeight(contentWidth(width)) + plot + 2 * 22 + snappedBottomInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 640;
    }

    @Override
    protected void layoutChildren() {
        if (breakdown == null) return;
        double left0 = snappedLeftInset();
        double top = snappedTopInset();
        double width = getWidth() - left0 - snappedRightInset();
        double stageW = widest(stageLabels);
        double runW = widest(runLabels);
        double valueW = widest(valueLabels);
        double plotLeft = left0 + stageW + GAP + runW + GAP;
        double plotWidth = Math.max(40, width - (plotLeft - left0) - valueW - GAP);
        double scale = plotWidth / axisMax;

        legend.resizeRelocate(left0, top, width, legend.prefHeight(width));
        double plotTop = top + legendHeight(width);
        double plotHeight = breakdown.stages().size() * (groupHeight() + GROUP_GAP) - GROUP_GAP;

        for (int t = 0; t < gridLines.size(); t++) {
            double x = Math.round(plotLeft + t * tick * scale);
            gridLines.get(t).resizeRelocate(x, plotTop - 4, 1, plotHeight + 8);
            Label l = tickLabels.get(t);
            double w = l.prefWidth(-1);
            l.resizeRelocate(x - w / 2, plotTop + plotHeight + 6, w, l.prefHeight(-1));
        }
        double axisW = axisLabel.prefWidth(-1);
        axisLabel.resizeRelocate(plotLeft + Math.max(0, (plotWidth - axisW) / 2), plotTop + plotHeight + 26, axisW,
                axisLabel.prefHeight(-1));

        int row = 0;
        int bar = 0;
        double y = plotTop;
        for (int s = 0; s < stageLabels.size(); s++) {
            Label stage = stageLabels.get(s);
            stage.resizeRelocate(left0, y, stageW, groupHeight());
            for (int i = 0; i < runs; i++, row++) {
                double rowY = y + i * (BAR + ROW_GAP);
                Label run = runLabels.get(row);
                double rw = run.prefWidth(-1);
                run.resizeRelocate(plotLeft - GAP - rw, rowY - 2, rw, BAR + 4);
                double x = plotLeft;
                while (bar < bars.size() && isRow((Bar) bars.get(bar).getUserData(), stage.getText(), run.getText())) {
                    double w = ((Bar) bars.get(bar).getUserData()).ms() * scale;
                    bars.get(bar).resizeRelocate(x, rowY, w, BAR);
                    x += w;
                    bar++;
                }
                Label value = valueLabels.get(row);
                value.resizeRelocate(x + 5, rowY - 2, value.prefWidth(-1), BAR + 4);
            }
            y += groupHeight() + GROUP_GAP;
        }
    }

    private static boolean isRow(Bar b, String stage, String run) {
        return b.stage().equals(stage) && b.run().equals(run);
    }

    private static double widest(List<Label> labels) {
        double w = 0;
        for (Label l : labels) w = Math.max(w, l.prefWidth(-1));
        return w;
    }

    // Two runs of the same variant still need distinct rows.
    private static List<String> runNames(ComparisonReport r) {
        String a = r.runs().get(0).displayName();
        String b = r.runs().get(1).displayName();
        return a.equals(b) ? List.of(a + " (1)", b + " (2)") : List.of(a, b);
    }
}
