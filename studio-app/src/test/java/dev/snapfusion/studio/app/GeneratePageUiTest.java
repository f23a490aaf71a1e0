package dev.snapfusion.studio.app;

import java.util.List;
import dev.snapfusion.studio.services.DeviceList;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.link.DeviceInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Generate page: live steps from the runner's events, the image and timings, and handing two runs to Compare. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class GeneratePageUiTest {
    private FakeStudioServices services;
    private Path sfBundle;
    private Path sdBundle;

    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path workspace = Files.createTempDirectory("studio-generate");
        sfBundle = bundle(workspace.resolve("bundles/demo-snapfusion-fp32"));
        sdBundle = bundle(workspace.resolve("bundles/demo-sd15-fp32"));
        services = new FakeStudioServices(workspace, 40);
        services.stepGate = new CountDownLatch(1);
        stage.setScene(StudioApp.createScene(services));
        stage.show();
    }

    // The page only checks that a folder is a bundle; the fake services never read the manifest.
    private static Path bundle(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), "{}");
        return dir;
    }

    @SuppressWarnings("unchecked")
    private void openPageWithBundle(FxRobot robot, Path bundle) throws Exception {
        robot.clickOn("#nav-generate");
        ComboBox<DeviceInfo> device = robot.lookup("#gen-device").queryAs(ComboBox.class);
        ComboBox<String> bundles = robot.lookup("#gen-bundle").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> device.getValue() != null && bundles.getItems().size() == 2);
        robot.interact(() -> bundles.setValue(bundle.toString()));
        assertThat(device.getValue().virtual()).isTrue();
    }

    @Test
    void run_snapFusionOnVirtualDevice_showsLiveStepsThenImageAndTimings(FxRobot robot) throws Exception {
        openPageWithBundle(robot, sfBundle);
        robot.clickOn("#gen-run");

        ProgressBar bar = robot.lookup("#gen-progress").queryAs(ProgressBar.class);
        Label status = robot.lookup("#gen-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().equals("Step 3/8: 230 ms"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(bar.isVisible()).isTrue();
        assertThat(bar.getProgress()).isEqualTo(3.0 / 8);
        @SuppressWarnings("unchecked")
        ListView<String> log = robot.lookup("#gen-log").queryAs(ListView.class);
        assertThat(log.getItems()).contains("Loaded unet in 412 ms (3.4 MB)", "Step 3/8 (t=625): 230 ms");
        assertThat(robot.lookup("#gen-run").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#gen-image").queryAs(ImageView.class).getImage()).isNull();

        services.stepGate.countDown();
        ImageView image = robot.lookup("#gen-image").queryAs(ImageView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> image.getImage() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(image.getImage().isError()).isFalse();
        assertThat(image.getImage().getWidth()).isGreaterThan(0);
        assertThat(log.getItems()).contains("Step 8/8 (t=0): 230 ms");
        assertThat(log.getItems().get(log.getItems().size() - 1)).matches("Done in \\d+ ms");
        assertThat(robot.lookup("#timing-unet").queryAs(Label.class).getText()).contains("for 8 steps", "per step");
        assertThat(robot.lookup("#timing-total").queryAs(Label.class).getText()).endsWith("ms");
        assertThat(status.getText()).startsWith("Done in ").contains("run folder");
        assertThat(bar.isVisible()).isFalse();
        @SuppressWarnings("unchecked")
        ListView<Object> runs = robot.lookup("#gen-runs").queryAs(ListView.class);
        assertThat(runs.getItems()).hasSize(1);
        assertThat(runs.getItems().get(0).toString()).contains("demo-snapfusion-fp32 · 8 steps · seed 42");
    }

    @Test
    @SuppressWarnings("unchecked")
    void restart_offersTheDeviceAndBundleOfTheLastRun(FxRobot robot) throws Exception {
        DeviceInfo pixel = new DeviceInfo("127.0.0.1:5037", "R58M41ABCD", "device", "Pixel_8_Pro", "husky", false);
        services.emit(new DeviceList(List.of(pixel, FakeStudioServices.VIRTUAL), List.of()));
        robot.clickOn("#nav-generate");
        ComboBox<DeviceInfo> device = robot.lookup("#gen-device").queryAs(ComboBox.class);
        ComboBox<String> bundles = robot.lookup("#gen-bundle").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> device.getValue() != null && bundles.getItems().size() == 2);
        // Without a history the page picks the online phone and the first bundle by name.
        assertThat(device.getValue().serial()).isEqualTo("R58M41ABCD");
        assertThat(bundles.getValue()).isEqualTo(sdBundle.toString());
        robot.interact(() -> {
            device.setValue(FakeStudioServices.VIRTUAL);
            bundles.setValue(sfBundle.toString());
        });
        services.stepGate.countDown();
        robot.clickOn("#gen-prompt");
        robot.push(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.ENTER,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN));   // Run
        ImageView image = robot.lookup("#gen-image").queryAs(ImageView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> image.getImage() != null);
        Path memory = services.workspace().resolve("settings/generate.properties");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.isRegularFile(memory));

        robot.interact(() -> stage.setScene(StudioApp.createScene(services)));
        robot.clickOn("#nav-generate");
        ComboBox<DeviceInfo> device2 = robot.lookup("#gen-device").queryAs(ComboBox.class);
        ComboBox<String> bundles2 = robot.lookup("#gen-bundle").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> device2.getValue() != null && device2.getValue().virtual()
                && sfBundle.toString().equals(bundles2.getValue()));
        assertThat(device2.getItems()).hasSize(2);
    }

    @Test
    void cancel_duringARun_stopsItAndKeepsNoRun(FxRobot robot) throws Exception {
        openPageWithBundle(robot, sfBundle);
        robot.clickOn("#gen-run");
        Label status = robot.lookup("#gen-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().equals("Step 3/8: 230 ms"));
        Button cancel = robot.lookup("#gen-cancel").queryAs(Button.class);
        assertThat(cancel.isVisible()).isTrue();

        robot.clickOn("#gen-cancel");   // the fake run is waiting at its step gate, which the interrupt ends
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("Cancelled"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#gen-run").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(cancel.isVisible()).isFalse();
        assertThat(robot.lookup("#gen-image").queryAs(ImageView.class).getImage()).isNull();
        @SuppressWarnings("unchecked")
        ListView<Object> runs = robot.lookup("#gen-runs").queryAs(ListView.class);
        assertThat(runs.getItems()).isEmpty();
    }

    @Test
    void compareWith_twoRuns_showsTheComparisonOnTheComparePage(FxRobot robot) throws Exception {
        services.stepGate.countDown();
        openPageWithBundle(robot, sdBundle);
        @SuppressWarnings("unchecked")
        ListView<Object> runs = robot.lookup("#gen-runs").queryAs(ListView.class);
        robot.clickOn("#gen-run");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> runs.getItems().size() == 1);
        @SuppressWarnings("unchecked")
        ComboBox<String> bundles = robot.lookup("#gen-bundle").queryAs(ComboBox.class);
        robot.interact(() -> bundles.setValue(sfBundle.toString()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#gen-run").queryAs(Button.class).isDisabled());
        robot.clickOn("#gen-run");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> runs.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#gen-compare");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#image-snapfusion").tryQuery().isPresent()
                && robot.lookup("#image-sd15").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#image-snapfusion").queryAs(ImageView.class).getImage()).isNotNull();
        assertThat(robot.lookup("#compare-summary").queryAs(Label.class).getText()).contains("SnapFusion", "faster");
        assertThat(robot.lookup("#nav-compare").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void run_seedNotANumber_namesTheFieldAndDoesNotRun(FxRobot robot) throws Exception {
        openPageWithBundle(robot, sfBundle);
        robot.interact(() -> robot.lookup("#gen-seed").queryAs(TextField.class).setText("abc"));
        robot.clickOn("#gen-run");
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#gen-error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("Seed “abc” is not a whole number; use e.g. 42.");
        assertThat(robot.lookup("#gen-progress").queryAs(Node.class).isVisible()).isFalse();
        assertThat(robot.lookup("#gen-runs").queryAs(ListView.class).getItems()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void seedDiceSamplerAndTimingMode_reachTheRequest(FxRobot robot) throws Exception {
        openPageWithBundle(robot, sfBundle);
        TextField seed = robot.lookup("#gen-seed").queryAs(TextField.class);
        java.util.Set<String> seeds = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#gen-seed-dice");
            seeds.add(seed.getText());
        }
        assertThat(seeds).as("three rolls").hasSizeGreaterThan(1).allSatisfy(v -> assertThat(Long.parseLong(v)).isBetween(0L, 1L << 31));
        ComboBox<String> timing = robot.lookup("#gen-timing").queryAs(ComboBox.class);
        ComboBox<String> sampler = robot.lookup("#gen-scheduler").queryAs(ComboBox.class);
        robot.interact(() -> {
            timing.setValue("Op profile");
            sampler.setValue("euler");
        });
        services.stepGate.countDown();
        robot.clickOn("#gen-run");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> services.lastSpec != null);
        var spec = services.lastSpec;
        assertThat(spec.profile()).isEqualTo(dev.snapfusion.runner.protocol.Profile.OPS);
        assertThat(spec.mode()).isEqualTo(dev.snapfusion.runner.protocol.RunMode.WHOLE);
        assertThat(spec.scheduler()).isEqualTo("euler");
        assertThat(spec.seed()).isEqualTo(Long.parseLong(seed.getText()));
    }
}
