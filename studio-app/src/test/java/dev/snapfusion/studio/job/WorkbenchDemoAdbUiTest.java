package dev.snapfusion.studio.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.studio.app.StudioApp;
import dev.snapfusion.studio.compare.BlockChart;
import dev.snapfusion.studio.compare.ComparePage;
import dev.snapfusion.studio.services.StudioServicesImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workbench on the REAL services: a Studio with a temp workspace, a private adb server (free port,
 * sandboxed HOME) and the virtual device. "Run demo comparison" converts both demo models, pushes them
 * through the adb server, runs them and shows the report. Takes about a minute here; needs adb.
 */
@Tag("adb")
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class WorkbenchDemoAdbUiTest {
    private PrivateAdbServer server;
    private Studio studio;

    @Start
    void start(Stage stage) throws Exception {
        Path root = Files.createTempDirectory("studio-workbench-e2e");
        server = new PrivateAdbServer(root.resolve("home"));
        studio = server.studio(root.resolve("workspace"));
        stage.setScene(StudioApp.createScene(new StudioServicesImpl(studio, "virtual")));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        if (studio != null) studio.close();
        if (server != null) server.close();
    }

    @Test
    void runDemo_realServicesOnVirtualDevice_showsBothImagesAndTheBlockChart(FxRobot robot) throws Exception {
        robot.clickOn("#run-demo");
        Label error = robot.lookup("#compare-error").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.MINUTES, () -> error.isVisible()
                || robot.lookup("#image-snapfusion").tryQuery().isPresent() && robot.lookup("#image-sd15").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error.isVisible()).as(error.getText()).isFalse();

        for (String id : new String[] {"#image-snapfusion", "#image-sd15"}) {
            ImageView view = robot.lookup(id).queryAs(ImageView.class);
            assertThat(view.getImage()).as(id).isNotNull();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.getImage().getProgress() >= 1);   // loads in the background
            assertThat(view.getImage().isError()).as(id).isFalse();
            assertThat(view.getImage().getWidth()).as(id).isGreaterThan(0);
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup(".compare-page").queryAs(ComparePage.class).settledProperty().get());   // rows come a few per frame
        BlockChart chart = robot.lookup("#block-chart").queryAs(BlockChart.class);
        assertThat(chart.bars()).isNotEmpty();
        assertThat(chart.bars().stream().mapToDouble(BlockChart.Bar::ms).sum()).as("charted block time").isPositive();
        assertThat(robot.lookup("#compare-summary").queryAs(Label.class).getText()).contains("faster");
    }
}
