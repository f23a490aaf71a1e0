package dev.snapfusion.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.studio.common.ProgressSink;
import dev.snapfusion.studio.services.DemoResult;
import dev.snapfusion.studio.services.StudioServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class FailingServicesUiTest {
    @Start
    void start(Stage stage) throws Exception {
        Path workspace = Files.createTempDirectory("studio-ui-fail");
        StudioServices failing = new FakeStudioServices(workspace, 0) {
            @Override
            public DemoResult runDemo(Path outDir, ProgressSink progress) {
                progress.update("Pushing", 0.2, "unet.tflite");
                throw new IllegalStateException("no device: connect a phone or start the virtual device");
            }
        };
        stage.setScene(StudioApp.createScene(failing));
        stage.show();
    }

    @Test
    void runDemo_servicesThrow_showsTheMessageAndReenablesTheButton(FxRobot robot) throws Exception {
        robot.clickOn("#run-demo");
        Label error = robot.lookup("#compare-error").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, error::isVisible);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(error.getText()).isEqualTo("The demo comparison failed: no device: connect a phone or start the "
                + "virtual device");
        assertThat(robot.lookup("#run-demo").queryAs(Button.class).isDisabled()).isFalse();
    }
}
