package dev.snapfusion.studio.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.studio.report.BlockDelta;
import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.RunFixtures;
import dev.snapfusion.studio.ui.PulseQueue;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The per-block table fills a few rows per step; a sort picked while rows are still coming holds for all of them. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class BlockDeltaTableUiTest {
    @TempDir
    Path tmp;
    private BlockDeltaTable table;

    @Start
    void start(Stage stage) {
        table = new BlockDeltaTable();
        stage.setScene(new Scene(table, 900, 500));
        stage.show();
    }

    @Test
    void show_sortPickedMidFill_everyRowEndsSortedAndColumnsNameTheRuns(FxRobot robot) throws Exception {
        ComparisonReport r = ComparisonReport.fromRunDirs(RunFixtures.snapFusionRun(tmp.resolve("sf")),
                RunFixtures.sd15Run(tmp.resolve("sd")));
        int rows = BlockDelta.of(r).size();
        robot.interact(() -> {
            List<Runnable> steps = table.show(r);
            assertThat(steps).hasSize((rows + PulseQueue.ROWS_PER_PULSE - 1) / PulseQueue.ROWS_PER_PULSE);
            steps.get(0).run();
            assertThat(table.getItems()).hasSize(Math.min(rows, PulseQueue.ROWS_PER_PULSE));
            TableColumn<BlockDelta, ?> delta = table.getColumns().get(5);
            delta.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(delta));
            steps.subList(1, steps.size()).forEach(Runnable::run);
        });

        assertThat(table.getItems()).hasSize(rows);
        List<Double> deltas = table.getItems().stream().map(BlockDelta::deltaMs).filter(d -> !d.isNaN()).toList();
        assertThat(deltas).as("Δ column, sorted descending").isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(table.getColumns()).extracting(TableColumn::getText)
                .contains("SnapFusion ms", "SD-v1.5 ms", "Δ ms (SD-v1.5 − SnapFusion)");
    }
}
