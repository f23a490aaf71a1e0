package dev.snapfusion.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.studio.services.DeviceDetails;
import dev.snapfusion.studio.services.DeviceList;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Devices page against a fake device watch: hot-plug, states, facts, the virtual device and remote servers. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DevicesPageUiTest {
    private static final String LOCAL = "127.0.0.1:5037";
    private FakeStudioServices services;

    @Start
    void start(Stage stage) throws Exception {
        services = new FakeStudioServices(Files.createTempDirectory("studio-devices"), 0);
        services.details.put("R58M", new DeviceDetails("Pixel 8 Pro", "Google", "14", "34", "arm64-v8a,armeabi-v7a",
                12_000_000_000L, "Google Pixel 8 Pro, Android 14"));
        services.details.put("X86TAB", new DeviceDetails("Tab", "Acme", "9", "28", "x86", 2_000_000_000L, "Acme Tab"));
        stage.setScene(StudioApp.createScene(services));
        stage.show();
    }

    private static DeviceInfo phone(String serial, String state) {
        return new DeviceInfo(LOCAL, serial, state, "Pixel_8_Pro", "husky", false);
    }

    @SuppressWarnings("unchecked")
    private static TableView<DeviceInfo> table(FxRobot robot) {
        return robot.lookup("#device-table").queryAs(TableView.class);
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void watch_phonePluggedAuthorizedAndUnplugged_tableAndFactsFollow(FxRobot robot) throws Exception {
        robot.clickOn("#nav-devices");
        waitUntil(() -> table(robot).getItems().size() == 1);
        assertThat(table(robot).getItems().get(0).virtual()).isTrue();

        services.emit(new DeviceList(List.of(phone("R58M", "unauthorized"), FakeStudioServices.VIRTUAL), List.of()));
        waitUntil(() -> table(robot).getItems().size() == 2 && robot.lookup(".state-unauthorized").tryQuery().isPresent());
        assertThat(robot.lookup(".state-unauthorized .state-title").queryAs(Labeled.class).getText())
                .isEqualTo("Unauthorized");
        assertThat(robot.lookup(".state-unauthorized .state-hint").queryAs(Labeled.class).getText())
                .isEqualTo("Accept the RSA prompt on the phone");

        robot.clickOn("R58M");
        waitUntil(() -> robot.lookup("#facts-status").queryAs(Label.class).getText().contains("online"));
        assertThat(robot.lookup("#facts-grid").queryAs(Node.class).isVisible()).isFalse();

        services.emit(new DeviceList(List.of(phone("R58M", "device"), FakeStudioServices.VIRTUAL), List.of()));
        waitUntil(() -> "12.00 GB".equals(robot.lookup("#fact-ram").queryAs(Label.class).getText()));
        assertThat(robot.lookup("#fact-android").queryAs(Label.class).getText()).isEqualTo("14 (API 34)");
        assertThat(robot.lookup("#fact-abi").queryAs(Label.class).getText()).isEqualTo("arm64-v8a, armeabi-v7a");
        assertThat(robot.lookup("#facts-grid").queryAs(Node.class).isVisible()).isTrue();
        assertThat(robot.lookup("#abi-warning").queryAs(Node.class).isVisible()).isFalse();
        assertThat(robot.lookup(".state-device .state-title").queryAs(Labeled.class).getText()).isEqualTo("Online");

        services.emit(new DeviceList(List.of(FakeStudioServices.VIRTUAL), List.of()));
        waitUntil(() -> table(robot).getItems().size() == 1);
        assertThat(robot.lookup("#facts-status").queryAs(Label.class).getText()).startsWith("Select a device");
        assertThat(robot.lookup("#facts-grid").queryAs(Node.class).isVisible()).isFalse();
    }

    @Test
    void select_phoneWithoutArm64_warnsThatTheRunnerCannotRun(FxRobot robot) throws Exception {
        robot.clickOn("#nav-devices");
        services.emit(new DeviceList(List.of(new DeviceInfo(LOCAL, "X86TAB", "device", "Tab", "tab", false),
                FakeStudioServices.VIRTUAL), List.of()));
        waitUntil(() -> table(robot).getItems().size() == 2);
        robot.clickOn("X86TAB");
        waitUntil(() -> robot.lookup("#abi-warning").queryAs(Node.class).isVisible());
        assertThat(robot.lookup("#abi-warning").queryAs(Label.class).getText()).contains("arm64-v8a", "x86");
    }

    @Test
    void startVirtual_rowButton_marksTheVirtualDeviceOnline(FxRobot robot) throws Exception {
        robot.clickOn("#nav-devices");
        waitUntil(() -> robot.lookup("#start-virtual").tryQuery().isPresent());
        assertThat(robot.lookup(".state-available .state-title").queryAs(Labeled.class).getText()).isEqualTo("Not started");

        robot.clickOn("#start-virtual");
        waitUntil(() -> table(robot).getItems().get(0).online());
        assertThat(robot.lookup(".state-device .state-title").queryAs(Labeled.class).getText()).isEqualTo("Online");
        assertThat(robot.lookup("#start-virtual").tryQuery()).isEmpty();
        assertThat(robot.lookup("#devices-status").queryAs(Label.class).getText()).contains("virtual device is running");
    }

    @Test
    void addServer_notHostPort_namesTheBadInput(FxRobot robot) throws Exception {
        robot.clickOn("#nav-devices");
        robot.clickOn("#remote-server").write("farm-host");
        robot.clickOn("#add-server");
        waitUntil(() -> robot.lookup("#devices-error").queryAs(Node.class).isVisible());
        assertThat(robot.lookup("#devices-error").queryAs(Label.class).getText())
                .contains("“farm-host” is not an adb server address", "host:port");
        assertThat(services.remoteServers).isEmpty();
    }

    @Test
    void addServer_hostPort_listsThatServersDevicesAndWarnings(FxRobot robot) throws Exception {
        robot.clickOn("#nav-devices");
        robot.clickOn("#remote-server").write("10.0.0.5:5037");
        robot.clickOn("#add-server");
        waitUntil(() -> table(robot).getItems().stream().anyMatch(d -> d.serial().equals("farm-phone-1")));
        assertThat(services.remoteServers).containsExactly("10.0.0.5:5037");
        assertThat(table(robot).getItems().get(0).server()).isEqualTo("10.0.0.5:5037");

        services.emit(new DeviceList(services.devices().devices(), List.of("adb server 10.0.0.5:5037 not reachable")));
        waitUntil(() -> robot.lookup("#devices-warnings").queryAs(Node.class).isVisible());
        assertThat(robot.lookup("#devices-warnings").queryAs(Label.class).getText()).contains("not reachable");
    }
}
