package dev.snapfusion.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.studio.compare.BlockChart;
import dev.snapfusion.studio.compare.ComparePage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless (Monocle) run of the workbench against fake services that produce a report from fixture run folders. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class StudioAppUiTest {
    private Path workspace;

    @Start
    void start(Stage stage) throws Exception {
        workspace = Files.createTempDirectory("studio-ui-test");
        StudioApp.setServices(new FakeStudioServices(workspace, 50));
        new StudioApp().start(stage);
        this.stage = stage;
    }

    private Stage stage;

    @Test
    void start_fakeServices_showsTitledWindowOfTheStudioSize(FxRobot robot) {
        assertThat(stage.getTitle()).isEqualTo("SnapFusion Studio");
        assertThat(stage.getScene().getWidth()).isEqualTo(1280);
        assertThat(stage.getScene().getHeight()).isEqualTo(800);
        assertThat(stage.getScene().getRoot()).isInstanceOf(dev.snapfusion.studio.layout.MainWindow.class);
        robot.clickOn("#nav-devices");
        assertThat(robot.lookup("#device-table").tryQuery()).isPresent();
        assertThat(robot.lookup("#run-demo").tryQuery()).isEmpty();
    }

    @Test
    void runDemo_fakeServices_showsBothImagesTableAndChart(FxRobot robot) throws Exception {
        robot.clickOn("#nav-devices");
        robot.clickOn("#nav-compare");
        assertThat(robot.lookup("#compare-empty").queryAs(Node.class).isVisible()).isTrue();

        robot.clickOn("#run-demo");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#image-sd15").tryQuery().isPresent() && robot.lookup("#image-snapfusion")
                        .tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        for (String id : new String[] {"#image-snapfusion", "#image-sd15"}) {
            ImageView view = robot.lookup(id).queryAs(ImageView.class);
            assertThat(view.getImage()).as(id).isNotNull();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.getImage().getProgress() >= 1);   // loads in the background
            assertThat(view.getImage().isError()).as(id).isFalse();
            assertThat(view.getImage().getWidth()).as(id).isGreaterThan(0);
            assertThat(view.isVisible()).isTrue();
            assertThat(view.getScene()).isNotNull();
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup(".compare-page").queryAs(ComparePage.class).settledProperty().get());   // rows come a few per frame
        TableView<?> table = robot.lookup("#latency-table").queryAs(TableView.class);
        // 7 base rows + blockwise overhead + UNet phase peak; phases neither run reports are left out
        assertThat(table.getItems()).hasSize(9);
        assertThat(table.getColumns()).extracting(c -> c.getText())
                .containsExactly("Component", "SnapFusion", "SD-v1.5", "");
        assertThat(((Label) table.getColumns().get(3).getGraphic()).getTooltip().getText())
                .startsWith("SD-v1.5 ÷ SnapFusion");

        BlockChart chart = robot.lookup("#block-chart").queryAs(BlockChart.class);
        assertThat(chart.isVisible()).isTrue();
        assertThat(robot.lookup(".block-chart-legend-label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Cross-attention", "ResNet");
        double drawn = robot.lookup(".block-chart-bar").queryAll().stream()
                .mapToDouble(n -> n.getBoundsInParent().getWidth()).sum();
        assertThat(drawn).as("width of all drawn bars").isGreaterThan(100);
        assertThat(robot.lookup("#compare-summary").queryAs(Label.class).getText()).contains("SnapFusion", "faster");
        assertThat(robot.lookup("#compare-error").queryAs(Label.class).isVisible()).isFalse();
        try (var reports = Files.list(workspace.resolve("reports"))) {
            assertThat(reports.findFirst().orElseThrow().resolve("report.html")).exists();
        }
    }
}
