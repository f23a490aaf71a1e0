package dev.snapfusion.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.studio.compare.ComparePage;
import dev.snapfusion.studio.event.PageId;
import dev.snapfusion.studio.layout.MainWindow;
import dev.snapfusion.studio.event.ReportReadyEvent;
import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.RunFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Showing a comparison on the Compare page in the studio's own scene, twice, with the {@link FxWatchdog} on: every
 * table and the chart get filled, and the table of gaps goes to stdout (target/surefire-reports/…-output.txt). The
 * whole-job test measures the same on real runs; this one needs no adb and shows the page's own cost.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class CompareShowWatchdogUiTest {
    private MainWindow window;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("compare-show");
        Scene scene = StudioApp.createScene(new FakeStudioServices(dir.resolve("workspace"), 0));
        stage.setScene(scene);
        stage.show();
        window = (MainWindow) scene.getRoot();
        window.show(PageId.COMPARE);
    }

    @Test
    void showReport_twice_fillsTablesAndChartWithoutAWorkingStall(FxRobot robot) throws Exception {
        ComparisonReport report = ComparisonReport.fromRunDirs(RunFixtures.snapFusionRun(dir.resolve("sf")),
                RunFixtures.sd15Run(dir.resolve("sd")));
        WaitForAsyncUtils.waitForFxEvents();
        ComparePage page = robot.lookup(".compare-page").queryAs(ComparePage.class);
        Thread.sleep(300);
        FxWatchdog watchdog = FxWatchdog.start();
        try {
            for (String round : new String[] {"first report", "second report"}) {
                watchdog.phase(round);
                robot.interact(() -> window.bus().publish(new ReportReadyEvent(dir, report)));
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> page.settledProperty().get());
                Thread.sleep(400);
            }
            watchdog.phase("idle");
            Thread.sleep(200);
        } finally {
            watchdog.close();
            System.out.print(watchdog.table());
        }
        assertThat(robot.lookup("#latency-table").queryAs(TableView.class).getItems()).hasSameSizeAs(report.latencyRows());
        assertThat(robot.lookup("#block-delta-table").queryAs(TableView.class).getItems()).hasSize(
                dev.snapfusion.studio.report.BlockDelta.of(report).size());
        assertThat(robot.lookup(".block-chart-bar").queryAll()).isNotEmpty();
        assertThat(robot.lookup("#compare-summary").queryAs(Label.class).getText()).contains("faster");
        assertThat(watchdog.pings()).isGreaterThan(20);
        assertThat(watchdog.stalls().stream().filter(s -> s.gapMs() >= 1000 && s.cpuMs() >= 1000).map(FxStall::describe))
                .as("gaps of a second or more that the FX thread spent working").isEmpty();
    }
}
