package dev.snapfusion.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Convert page: progress while the (real) converter runs off the FX thread, then the bundle summary. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ConvertPageUiTest {
    private FakeStudioServices services;
    private Path workspace;

    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        workspace = Files.createTempDirectory("studio-convert");
        services = new FakeStudioServices(workspace, 0);
        services.convertGate = new CountDownLatch(1);
        stage.setScene(StudioApp.createScene(services));
        stage.show();
    }

    @Test
    void convert_demoSnapFusion_showsProgressThenFilesParamsAndBlocks(FxRobot robot) throws Exception {
        robot.clickOn("#nav-convert");
        Path out = workspace.resolve("bundles").resolve("demo-snapfusion-fp32");
        assertThat(robot.lookup("#convert-out").queryAs(TextField.class).getText()).isEqualTo(out.toString());

        robot.clickOn("#convert-run");
        ProgressBar bar = robot.lookup("#convert-progress").queryAs(ProgressBar.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> bar.isVisible() && bar.getProgress() == 0.5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#convert-status").queryAs(Label.class).getText()).isEqualTo("Converting: unet.tflite");
        assertThat(robot.lookup("#convert-run").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#convert-result").queryAs(Node.class).isVisible()).isFalse();

        services.convertGate.countDown();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> robot.lookup("#convert-result").queryAs(Node.class).isVisible());
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> table = robot.lookup("#convert-components").queryAs(TableView.class);
        assertThat(table.getItems()).hasSizeGreaterThanOrEqualTo(3);
        String rows = table.getItems().toString();
        assertThat(rows).contains("text_encoder", "unet", "vae_decoder");
        assertThat(robot.lookup("#convert-blocks").queryAs(Label.class).getText())
                .matches("\\d+ UNet blocks: \\d+ cross-attention, \\d+ ResNet, \\d+ other");
        assertThat(robot.lookup("#convert-facts").queryAs(Label.class).getText()).contains("snapfusion", "MB in all");
        assertThat(out.resolve("manifest.json")).isRegularFile();
        assertThat(bar.isVisible()).isFalse();
        assertThat(robot.lookup("#convert-run").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(robot.lookup("#convert-error").queryAs(Node.class).isVisible()).isFalse();
    }

    @Test
    void convert_fp16_showsImageParityAgainstFp32AndComponentCosines(FxRobot robot) throws Exception {
        services.convertGate.countDown();
        robot.clickOn("#nav-convert");
        // synthetic fp32 weights: the shipped toy weights are fp16 already, so their fp16 bundle draws the fp32 image exactly
        @SuppressWarnings("unchecked")
        ComboBox<String> source = robot.lookup("#convert-source").queryAs(ComboBox.class);
        robot.interact(() -> source.setValue("synthetic:demo:snapfusion"));
        @SuppressWarnings("unchecked")
        ComboBox<Object> quant = robot.lookup("#convert-quant").queryAs(ComboBox.class);
        robot.interact(() -> quant.getSelectionModel().select(quant.getItems().stream()
                .filter(q -> q.toString().toLowerCase(java.util.Locale.ROOT).contains("fp16")).findFirst().orElseThrow()));
        assertThat(robot.lookup("#convert-out").queryAs(TextField.class).getText()).endsWith("fp16");

        robot.clickOn("#convert-run");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> robot.lookup("#convert-result").queryAs(Node.class).isVisible());
        WaitForAsyncUtils.waitForFxEvents();

        Label parity = robot.lookup("#convert-image-parity").queryAs(Label.class);
        assertThat(parity.isVisible()).isTrue();
        assertThat(parity.getText()).matches("Image vs fp32: PSNR \\d+\\.\\d\\d dB \\(goal ≥ 40 dB: met; 4 ddim steps, seed 42, CFG 7\\.5\\)");
        assertThat(parity.getStyleClass()).contains("parity-met");
        String rows = robot.lookup("#convert-components").queryAs(TableView.class).getItems().toString();
        assertThat(rows).contains("parity=cosine 0.99");
    }

    @Test
    void convert_missingPresetFile_showsTheConvertersMessage(FxRobot robot) throws Exception {
        services.convertGate.countDown();
        robot.clickOn("#nav-convert");
        @SuppressWarnings("unchecked")
        ComboBox<String> source = robot.lookup("#convert-source").queryAs(ComboBox.class);
        robot.interact(() -> source.setValue("/no/such/preset.json"));
        assertThat(robot.lookup("#convert-out").queryAs(TextField.class).getText()).endsWith("preset-fp32");
        Label hint = robot.lookup("#convert-source-hint").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> hint.getText().startsWith("Not found: /no/such/preset.json"));

        robot.clickOn("#convert-run");
        Label error = robot.lookup("#convert-error").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, error::isVisible);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error.getText()).startsWith("Conversion of /no/such/preset.json failed: ").contains("no such file");
        assertThat(robot.lookup("#convert-result").queryAs(Node.class).isVisible()).isFalse();
    }

    @Test
    void convert_lastSource_isOfferedAgainAfterARestart(FxRobot robot) throws Exception {
        services.convertGate.countDown();
        robot.clickOn("#nav-convert");
        @SuppressWarnings("unchecked")
        ComboBox<String> source = robot.lookup("#convert-source").queryAs(ComboBox.class);
        assertThat(source.getValue()).isEqualTo("demo:snapfusion");
        robot.interact(() -> source.setValue("/no/such/preset.json"));
        robot.clickOn("#convert-run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#convert-error").queryAs(Label.class).isVisible());
        Path memory = workspace.resolve("settings/convert.properties");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.isRegularFile(memory)
                && Files.readString(memory).contains("source=/no/such/preset.json"));

        // A new window on the same workspace, as after a restart.
        robot.interact(() -> stage.setScene(StudioApp.createScene(services)));
        robot.clickOn("#nav-convert");
        @SuppressWarnings("unchecked")
        ComboBox<String> again = robot.lookup("#convert-source").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "/no/such/preset.json".equals(again.getValue()));
        assertThat(robot.lookup("#convert-out").queryAs(TextField.class).getText()).endsWith("preset-fp32");
    }

    @Test
    void convert_blankOutputFolder_asksForOne(FxRobot robot) {
        robot.clickOn("#nav-convert");
        robot.interact(() -> robot.lookup("#convert-out").queryAs(TextField.class).setText(""));
        robot.clickOn("#convert-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#convert-error").queryAs(Label.class).getText())
                .isEqualTo("Choose an output folder for the bundle.");
    }
}
