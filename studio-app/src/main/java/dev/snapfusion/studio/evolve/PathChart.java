package dev.snapfusion.studio.evolve;

import dev.snapfusion.studio.evolution.EvolveResult;
import dev.snapfusion.studio.evolution.PathStep;
import java.util.Locale;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/**
 * Latency per step against image SSIM along the greedy path: the full model first, then one point per removal,
 * each labelled with the block removed at that step.
 */
final class PathChart extends LineChart<Number, Number> {
    PathChart() {
        super(axis("UNet ms per denoising step (latency table)"), axis("SSIM vs the full model"));
        setId("evolve-path-chart");
        setLegendVisible(false);
        setAnimated(false);
        setMinHeight(320);
        ((NumberAxis) getXAxis()).setForceZeroInRange(false);
        ((NumberAxis) getYAxis()).setForceZeroInRange(false);
    }

    void show(EvolveResult r) {
        getData().clear();
        if (r == null) return;
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.getData().add(point(r.search().beforeMs(), 1.0, "full model"));
        for (PathStep p : r.search().path()) {
            s.getData().add(point(p.latencyMs(), p.quality().ssim(), "−" + p.removed()));
        }
        getData().add(s);
    }

    private static XYChart.Data<Number, Number> point(double ms, double ssim, String label) {
        XYChart.Data<Number, Number> d = new XYChart.Data<>(ms, ssim);
        Label l = new Label(label);
        l.getStyleClass().add("evolve-point");
        l.setTooltip(new Tooltip(String.format(Locale.ROOT, "%s: %.1f ms, SSIM %.4f", label, ms, ssim)));
        d.setNode(l);
        return d;
    }

    private static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis();
        a.setLabel(label);
        return a;
    }
}
