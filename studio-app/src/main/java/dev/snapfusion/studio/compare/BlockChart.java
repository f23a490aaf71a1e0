package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.KindColors;
import dev.snapfusion.studio.report.StageBreakdown;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
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
 * <p>Plain regions and labels placed by hand rather than a {@code StackedBarChart}, whose category axis was the
 * whole-job watchdog's largest stall during "compare" (stack samples in {@code CategoryAxis.getDisplayPosition}).
 * Hovering a bar shows its value.
 */
public final class BlockChart extends Region {
    private static final double BAR = 16;
    private static final double ROW_GAP = 4;
    private static final double GROUP_GAP = 14;
    private static final double GAP = 8;

    /** One drawn bar segment: the kind's summed block time in one stage of one run. */
    public record Bar(String stage, String run, String kind, double ms) {
    }

    /** One run's row inside a stage: its name, its bar segments left to right, its total. */
    private record Row(Label run, List<Region> segments, Label total) {
    }

    private final FlowPane legend = new FlowPane(14, 4);
    private final List<Label> stageLabels = new ArrayList<>();
    /** Per stage, in {@link #stageLabels}' order, one row per run. */
    private final List<List<Row>> rows = new ArrayList<>();
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
        rows.clear();
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
            Label t = new Label(StageBreakdown.tickLabel(v, tick));
            t.getStyleClass().add("block-chart-tick");
            tickLabels.add(t);
        }
        for (String stage : breakdown.stages()) {
            stageLabels.add(styled(new Label(stage), "block-chart-stage"));
            List<Row> stageRows = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String run = runNames.get(i);
                List<Region> segments = new ArrayList<>();
                for (String kind : breakdown.kinds()) {
                    double ms = breakdown.ms(i, stage, kind);
                    if (ms <= 0) continue;
                    Region bar = new Region();
                    bar.getStyleClass().add("block-chart-bar");
                    bar.setBackground(fill(kind));
                    bar.setUserData(new Bar(stage, run, kind, ms));
                    bar.setOnMouseEntered(e -> installTooltip(bar));
                    segments.add(bar);
                }
                double total = breakdown.stageTotal(i, stage);
                stageRows.add(new Row(styled(new Label(run), "block-chart-run"), segments,
                        styled(new Label(total > 0 ? StageBreakdown.formatMs(total) + " ms" : "no blocks"), "block-chart-value")));
            }
            rows.add(stageRows);
        }
        List<Node> all = new ArrayList<>(gridLines);
        all.add(legend);
        all.addAll(tickLabels);
        all.add(axisLabel);
        all.addAll(stageLabels);
        for (List<Row> stageRows : rows) {
            for (Row row : stageRows) {
                all.add(row.run());
                all.addAll(row.segments());
                all.add(row.total());
            }
        }
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
        return rows.stream().flatMap(List::stream).flatMap(r -> r.segments().stream()).map(b -> (Bar) b.getUserData()).toList();
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
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;   // the legend wraps, so the height depends on the width
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
        double runW = widest(rows.stream().flatMap(List::stream).map(Row::run).toList());
        double valueW = widest(rows.stream().flatMap(List::stream).map(Row::total).toList());
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

        double y = plotTop;
        for (int s = 0; s < stageLabels.size(); s++) {
            stageLabels.get(s).resizeRelocate(left0, y, stageW, groupHeight());
            List<Row> stageRows = rows.get(s);
            for (int i = 0; i < stageRows.size(); i++) {
                Row r = stageRows.get(i);
                double rowY = y + i * (BAR + ROW_GAP);
                double rw = r.run().prefWidth(-1);
                r.run().resizeRelocate(plotLeft - GAP - rw, rowY - 2, rw, BAR + 4);
                double x = plotLeft;
                for (Region segment : r.segments()) {
                    double w = ((Bar) segment.getUserData()).ms() * scale;
                    segment.resizeRelocate(x, rowY, w, BAR);
                    x += w;
                }
                r.total().resizeRelocate(x + 5, rowY - 2, r.total().prefWidth(-1), BAR + 4);
            }
            y += groupHeight() + GROUP_GAP;
        }
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
