package dev.snapfusion.studio.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.RunFixtures;
import dev.snapfusion.studio.report.StageBreakdown;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The stage chart draws what the breakdown says: one segment per kind, widths in proportion to the milliseconds. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class BlockChartUiTest {
    @TempDir
    Path tmp;

    private final BlockChart chart = new BlockChart();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(chart), 900, 700));
        stage.show();
    }

    @Test
    void show_fixtureRuns_drawsEveryKindOfEveryStageToScale(FxRobot robot) throws Exception {
        ComparisonReport r = ComparisonReport.fromRunDirs(RunFixtures.snapFusionRun(tmp.resolve("sf")),
                RunFixtures.sd15Run(tmp.resolve("sd")));
        StageBreakdown sb = r.stageBreakdown();
        Platform.runLater(() -> chart.show(r));
        WaitForAsyncUtils.waitForFxEvents();

        // Per run and stage the segments add up to the breakdown's total; SnapFusion has no attention in down.0.
        String sf = r.runs().get(0).displayName();
        String sd = r.runs().get(1).displayName();
        for (String stage : sb.stages()) {
            assertThat(sum(chart.bars(), stage, sf)).as(stage + " " + sf).isCloseTo(sb.stageTotal(0, stage), within(1e-9));
            assertThat(sum(chart.bars(), stage, sd)).as(stage + " " + sd).isCloseTo(sb.stageTotal(1, stage), within(1e-9));
        }
        assertThat(chart.bars()).noneMatch(b -> b.stage().equals("down.0") && b.run().equals(sf)
                && b.kind().equals("cross_attention"));
        assertThat(chart.bars()).anyMatch(b -> b.stage().equals("down.0") && b.run().equals(sd)
                && b.kind().equals("cross_attention"));

        // Drawn widths are one scale: width / ms is the same for every segment, and the widest row fits the chart.
        List<Node> nodes = robot.lookup(".block-chart-bar").queryAll().stream().toList();
        assertThat(nodes).hasSize(chart.bars().size());
        double scale = -1;
        double right = 0;
        for (Node n : nodes) {
            BlockChart.Bar b = (BlockChart.Bar) n.getUserData();
            double w = n.getBoundsInParent().getWidth();
            if (scale < 0) scale = w / b.ms();
            assertThat(w).as(b.toString()).isCloseTo(b.ms() * scale, within(0.5));
            right = Math.max(right, n.getBoundsInParent().getMaxX());
        }
        assertThat(scale).isPositive();
        assertThat(right).isLessThanOrEqualTo(chart.getWidth());
        assertThat(right).as("the longest bar uses most of the width").isGreaterThan(chart.getWidth() / 2);

        // Hovering a segment gives it its tooltip: stage, run, kind and milliseconds.
        Node widest = nodes.stream().max(java.util.Comparator.comparingDouble(n -> n.getBoundsInParent().getWidth())).orElseThrow();
        robot.moveTo(widest);
        WaitForAsyncUtils.waitForFxEvents();
        BlockChart.Bar b = (BlockChart.Bar) widest.getUserData();
        Tooltip tip = (Tooltip) widest.getProperties().get(Tooltip.class);
        assertThat(tip).as("tooltip after hover").isNotNull();
        assertThat(tip.getText()).isEqualTo(b.stage() + " · " + b.run() + " · " + StageBreakdown.kindLabel(b.kind()) + ": "
                + StageBreakdown.formatMs(b.ms()) + " ms");
    }

    private static double sum(List<BlockChart.Bar> bars, String stage, String run) {
        return bars.stream().filter(b -> b.stage().equals(stage) && b.run().equals(run)).mapToDouble(BlockChart.Bar::ms).sum();
    }
}
