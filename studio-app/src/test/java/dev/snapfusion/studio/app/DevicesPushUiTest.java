package dev.snapfusion.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.DeviceStorage;
import dev.snapfusion.studio.services.DeviceDetails;
import dev.snapfusion.studio.services.DeviceList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Devices page's pushes (several devices at once, progress per row, cancel, a device unplugged mid-push) and what a
 * device holds (listed, deleted after a confirmation), against fake services.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DevicesPushUiTest {
    private static final String LOCAL = "127.0.0.1:5037";
    private static final DeviceInfo PIXEL = new DeviceInfo(LOCAL, "R58M", "device", "Pixel_8_Pro", "husky", false);
    private static final DeviceInfo GALAXY = new DeviceInfo(LOCAL, "GX23", "device", "Galaxy_S23", "dm1q", false);
    private FakeStudioServices services;
    private Path workspace;

    @Start
    void start(Stage stage) throws Exception {
        workspace = Files.createTempDirectory("studio-push");
        Path bundle = Files.createDirectories(workspace.resolve("bundles/demo-snapfusion-fp32"));
        Files.writeString(bundle.resolve("manifest.json"), "{}");
        services = new FakeStudioServices(workspace, 0);
        for (DeviceInfo d : List.of(PIXEL, GALAXY)) {
            services.details.put(d.serial(), new DeviceDetails(d.model(), "Acme", "14", "34", "arm64-v8a", 8_000_000_000L, d.model()));
            services.contents.put(d.serial(), new CopyOnWriteArrayList<>());
            services.pushGates.put(d.serial(), new CountDownLatch(1));
        }
        services.emit(new DeviceList(List.of(PIXEL, GALAXY, FakeStudioServices.VIRTUAL), List.of()));
        stage.setScene(StudioApp.createScene(services));
        stage.show();
    }

    private static void waitUntil(Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static TableView<DeviceInfo> table(FxRobot robot) {
        return robot.lookup("#device-table").queryAs(TableView.class);
    }

    private static String detail(FxRobot robot, String serial) {
        return robot.lookup("#push-" + serial + " .push-detail").queryAs(Label.class).getText();
    }

    private static double bar(FxRobot robot, String serial) {
        return robot.lookup("#push-" + serial + " .push-bar").queryAs(ProgressBar.class).getProgress();
    }

    private static boolean inState(FxRobot robot, String serial, String state) {
        return robot.lookup("#push-" + serial).tryQuery().map(n -> n.getStyleClass().contains("push-state-" + state))
                .orElse(false);
    }

    /** Opens the page, waits for the bundle and both phones, selects both (click, then Ctrl+click). */
    private void selectBothPhones(FxRobot robot) throws Exception {
        robot.clickOn("#nav-devices");
        waitUntil(() -> table(robot).getItems().size() == 3
                && robot.lookup("#push-bundle").queryAs(ComboBox.class).getValue() != null);
        robot.clickOn("R58M");
        robot.press(KeyCode.CONTROL).clickOn("GX23").release(KeyCode.CONTROL);
        waitUntil(() -> table(robot).getSelectionModel().getSelectedItems().size() == 2);
    }

    @Test
    void push_twoSelectedDevices_bothRowsShowProgressThenDone(FxRobot robot) throws Exception {
        selectBothPhones(robot);
        assertThat(robot.lookup("#push-list").queryAs(Node.class).isVisible()).isFalse();

        robot.clickOn("#push");
        waitUntil(() -> services.waitingAtGate.containsAll(List.of("R58M", "GX23")));
        waitUntil(() -> bar(robot, "R58M") == 0.5 && bar(robot, "GX23") == 0.5);
        assertThat(detail(robot, "R58M")).isEqualTo("20.0 MB of 40.0 MB · 80 MB/s · unet.tflite");
        assertThat(inState(robot, "GX23", "running")).isTrue();
        assertThat(robot.lookup("#push-status").queryAs(Label.class).getText())
                .isEqualTo("Pushing demo-snapfusion-fp32 to 2 devices.");
        assertThat(robot.lookup("#push-cancel-all").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(robot.lookup("#add-server").queryAs(Button.class).isDisabled()).as("no relink while pushing").isTrue();

        services.pushGates.values().forEach(CountDownLatch::countDown);
        waitUntil(() -> inState(robot, "R58M", "done") && inState(robot, "GX23", "done"));
        assertThat(detail(robot, "R58M")).isEqualTo("Pushed 2 files, 40.0 MB, 1 skipped in 0.5 s");
        assertThat(bar(robot, "GX23")).isEqualTo(1.0);
        assertThat(services.pushed).containsExactlyInAnyOrder("R58M", "GX23");
        assertThat(robot.lookup("#push-status").queryAs(Label.class).getText()).isEqualTo("demo-snapfusion-fp32: 2 pushed.");
        assertThat(robot.lookup("#push-cancel-all").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#push-cancel-R58M").queryAs(Node.class).isVisible()).isFalse();
        // GX23 was selected last, so its contents are shown; the push refreshed them.
        waitUntil(() -> contents(robot).getItems().size() == 1);
        assertThat(contents(robot).getItems().get(0).id()).isEqualTo("demo-snapfusion-fp32");
    }

    @Test
    void push_againToAnUpToDateDevice_saysHowManyFilesWereSkipped(FxRobot robot) throws Exception {
        services.upToDate.add("R58M");
        robot.clickOn("#nav-devices");
        waitUntil(() -> table(robot).getItems().size() == 3
                && robot.lookup("#push-bundle").queryAs(ComboBox.class).getValue() != null);
        robot.clickOn("R58M");
        robot.clickOn("#push");
        waitUntil(() -> inState(robot, "R58M", "done"));
        assertThat(detail(robot, "R58M")).isEqualTo("Up to date (4 files skipped)");
    }

    @Test
    void cancel_oneOfTwoPushes_thatRowSaysCancelledAndTheOtherCompletes(FxRobot robot) throws Exception {
        selectBothPhones(robot);
        robot.clickOn("#push");
        waitUntil(() -> services.waitingAtGate.containsAll(List.of("R58M", "GX23")));

        robot.clickOn("#push-cancel-R58M");
        waitUntil(() -> inState(robot, "R58M", "cancelled"));
        assertThat(detail(robot, "R58M")).startsWith("Cancelled.");
        assertThat(inState(robot, "GX23", "running")).isTrue();

        services.pushGates.get("GX23").countDown();
        waitUntil(() -> inState(robot, "GX23", "done"));
        assertThat(services.pushed).containsExactly("GX23");
        assertThat(inState(robot, "R58M", "cancelled")).isTrue();
    }

    @Test
    void cancelAll_twoPushes_bothStop(FxRobot robot) throws Exception {
        selectBothPhones(robot);
        robot.clickOn("#push");
        waitUntil(() -> services.waitingAtGate.containsAll(List.of("R58M", "GX23")));
        robot.clickOn("#push-cancel-all");
        waitUntil(() -> inState(robot, "R58M", "cancelled") && inState(robot, "GX23", "cancelled"));
        assertThat(services.pushed).isEmpty();
    }

    @Test
    void push_deviceUnpluggedMidPush_showsItsErrorWhileTheOtherCompletes(FxRobot robot) throws Exception {
        services.failAfterHalf.add("GX23");
        selectBothPhones(robot);
        robot.clickOn("#push");
        waitUntil(() -> services.waitingAtGate.containsAll(List.of("R58M", "GX23")));
        services.pushGates.get("GX23").countDown();
        waitUntil(() -> inState(robot, "GX23", "failed"));
        assertThat(detail(robot, "GX23")).isEqualTo("device 'GX23' not found (unplugged?)");
        assertThat(inState(robot, "R58M", "running")).as("the other push goes on").isTrue();

        services.pushGates.get("R58M").countDown();
        waitUntil(() -> inState(robot, "R58M", "done"));
        assertThat(services.pushed).containsExactly("R58M");
        assertThat(inState(robot, "GX23", "failed")).isTrue();
        assertThat(robot.lookup("#push-status").queryAs(Label.class).getText())
                .isEqualTo("demo-snapfusion-fp32: 1 pushed, 1 failed.");
    }

    @Test
    void ctrlP_onTheDevicesPage_pushesToTheSelectedDevices(FxRobot robot) throws Exception {
        services.pushGates.values().forEach(CountDownLatch::countDown);
        selectBothPhones(robot);
        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
        waitUntil(() -> inState(robot, "R58M", "done") && inState(robot, "GX23", "done"));

        robot.clickOn("#nav-convert");
        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertThat(services.pushed).as("Ctrl+P does nothing on another page").hasSize(2);
    }

    @Test
    void push_nothingSelected_saysWhatToSelect(FxRobot robot) throws Exception {
        robot.clickOn("#nav-devices");
        waitUntil(() -> robot.lookup("#push-bundle").queryAs(ComboBox.class).getValue() != null);
        robot.clickOn("#push");
        waitUntil(() -> robot.lookup("#push-error").queryAs(Node.class).isVisible());
        assertThat(robot.lookup("#push-error").queryAs(Label.class).getText()).startsWith("Select the devices to push to");
    }

    @SuppressWarnings("unchecked")
    private static ListView<DeviceStorage.Item> contents(FxRobot robot) {
        return robot.lookup("#contents-list").queryAs(ListView.class);
    }

    private static void clickItem(FxRobot robot, String id) {
        robot.clickOn(robot.lookup("#contents-list .item-id").<Label>match(l -> id.equals(((Label) l).getText()))
                .queryAs(Label.class));
    }

    @Test
    void delete_confirmed_removesTheBundleFromTheDeviceAndTheList(FxRobot robot) throws Exception {
        services.contents.get("R58M").addAll(List.of(
                new DeviceStorage.Item(DeviceStorage.Kind.BUNDLE, "demo-snapfusion-fp32", "/data/local/tmp/snapfusion/bundles/"
                        + "demo-snapfusion-fp32", 17_700_000, true),
                new DeviceStorage.Item(DeviceStorage.Kind.RUN, "20261207-101500-000-snapfusion", "/data/local/tmp/snapfusion/"
                        + "runs/20261207-101500-000-snapfusion", 400_000, true)));
        robot.clickOn("#nav-devices");
        waitUntil(() -> table(robot).getItems().size() == 3);
        robot.clickOn("R58M");
        waitUntil(() -> contents(robot).getItems().size() == 2);
        assertThat(robot.lookup("#contents-status").queryAs(Label.class).getText()).isEqualTo("1 bundle and 1 run, 18.1 MB in all.");
        assertThat(robot.lookup("#contents-delete").queryAs(Button.class).isDisabled()).isTrue();

        clickItem(robot, "demo-snapfusion-fp32");   // the bundle chooser shows that name too
        robot.clickOn("#contents-delete");
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("Delete bundle demo-snapfusion-fp32 from Pixel 8 Pro?");
        assertThat(dialog.getContentText()).contains("bundle demo-snapfusion-fp32  (17.7 MB)").doesNotContain("20261207");
        robot.clickOn("#confirm-delete");

        waitUntil(() -> contents(robot).getItems().size() == 1);
        assertThat(services.deleted).containsExactly("R58M/demo-snapfusion-fp32");
        assertThat(contents(robot).getItems().get(0).kind()).isEqualTo(DeviceStorage.Kind.RUN);
        assertThat(robot.lookup("#contents-status").queryAs(Label.class).getText())
                .isEqualTo("Deleted bundle demo-snapfusion-fp32. 1 run, 400 kB in all.");
    }

    @Test
    void delete_cancelled_keepsEverything(FxRobot robot) throws Exception {
        services.contents.get("R58M").add(new DeviceStorage.Item(DeviceStorage.Kind.BUNDLE, "demo-sd15-fp16",
                "/data/local/tmp/snapfusion/bundles/demo-sd15-fp16", 10_000_000, false));
        robot.clickOn("#nav-devices");
        waitUntil(() -> table(robot).getItems().size() == 3);
        robot.clickOn("R58M");
        waitUntil(() -> contents(robot).getItems().size() == 1);
        clickItem(robot, "demo-sd15-fp16");
        robot.clickOn("#contents-delete");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Cancel");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(services.deleted).isEmpty();
        assertThat(contents(robot).getItems()).hasSize(1);
    }
}
