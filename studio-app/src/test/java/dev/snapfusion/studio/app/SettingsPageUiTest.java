package dev.snapfusion.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.studio.config.SettingsStore;
import dev.snapfusion.studio.config.StudioSettings;
import dev.snapfusion.studio.config.Theme;
import dev.snapfusion.studio.ui.Themes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Settings page and the remote servers of the Devices page, kept in the workspace's studio.properties. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SettingsPageUiTest {
    private FakeStudioServices services;
    private Path workspace;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        workspace = Files.createTempDirectory("studio-settings");
        services = new FakeStudioServices(workspace, 0);
        this.stage = stage;
        stage.setScene(StudioApp.createScene(services));
        stage.show();
    }

    private static void waitUntil(Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What a studio started now would read. */
    private StudioSettings saved() {
        return SettingsStore.in(workspace).load();
    }

    @Test
    void theme_dark_sceneGetsTheDarkSheetAtOnceAndKeepsIt(FxRobot robot) throws Exception {
        assertThat(stage.getScene().getStylesheets()).containsExactly(Themes.LIGHT_SHEET);
        robot.clickOn("#nav-settings");
        assertThat(robot.lookup("#settings-workspace").queryAs(Label.class).getText()).isEqualTo(workspace.toString());

        robot.clickOn("#theme-dark");
        assertThat(stage.getScene().getStylesheets()).containsExactly(Themes.LIGHT_SHEET, Themes.DARK_SHEET);
        waitUntil(() -> saved().theme() == Theme.DARK);
        // The looked-up colours follow: the page background is the dark one.
        Node page = robot.lookup(".settings-page .page").query();
        assertThat(((javafx.scene.layout.Region) page).getBackground().getFills().get(0).getFill().toString())
                .isEqualTo("0x1b1f24ff");

        robot.clickOn("#theme-light");
        assertThat(stage.getScene().getStylesheets()).containsExactly(Themes.LIGHT_SHEET);
        waitUntil(() -> saved().theme() == Theme.LIGHT);
    }

    @Test
    void createScene_darkSaved_opensDark(FxRobot robot) throws Exception {
        services.saveSettings(StudioSettings.DEFAULTS.withTheme(Theme.DARK));
        robot.interact(() -> stage.setScene(StudioApp.createScene(new FakeStudioServices(workspace, 0))));
        assertThat(stage.getScene().getStylesheets()).contains(Themes.DARK_SHEET);
    }

    @Test
    void apply_goodFields_persistAcrossANewStore(FxRobot robot) throws Exception {
        robot.clickOn("#nav-settings");
        robot.clickOn("#settings-servers").write("10.0.0.5:5037\n127.0.0.1:5038");
        robot.clickOn("#settings-threads").write("2");
        robot.interact(() -> robot.lookup("#settings-quant").queryAs(ComboBox.class).setValue(Quantization.INT8_WEIGHT));
        robot.clickOn("#settings-apply");

        waitUntil(() -> robot.lookup("#settings-status").queryAs(Label.class).getText().equals("Saved to "
                + workspace.resolve("settings/studio.properties") + "."));
        assertThat(saved()).isEqualTo(new StudioSettings("", List.of("10.0.0.5:5037", "127.0.0.1:5038"), 2, Theme.LIGHT,
                Quantization.INT8_WEIGHT));
        assertThat(services.settings()).isEqualTo(saved());
        assertThat(robot.lookup("#settings-error").queryAs(Node.class).isVisible()).isFalse();

        // The Convert page offers the new default, and the Devices page lists the servers as chips.
        robot.clickOn("#nav-convert");
        assertThat(robot.lookup("#convert-quant").queryAs(ComboBox.class).getValue()).isEqualTo(Quantization.INT8_WEIGHT);
        robot.clickOn("#nav-devices");
        waitUntil(() -> robot.lookup("#remove-server-127-0-0-1-5038").tryQuery().isPresent());
    }

    @Test
    void apply_badServerAndThreads_namesTheTextAndSavesNothing(FxRobot robot) throws Exception {
        robot.clickOn("#nav-settings");
        robot.clickOn("#settings-servers").write("host:99999");
        robot.clickOn("#settings-apply");
        waitUntil(() -> robot.lookup("#settings-error").queryAs(Node.class).isVisible());
        assertThat(robot.lookup("#settings-error").queryAs(Label.class).getText())
                .startsWith("Remote adb servers: “host:99999” is not an adb server address");

        robot.interact(() -> robot.lookup("#settings-servers").queryAs(TextArea.class).setText(""));
        robot.clickOn("#settings-threads").write("many");
        robot.clickOn("#settings-apply");
        waitUntil(() -> robot.lookup("#settings-error").queryAs(Label.class).getText().startsWith("Runner threads “many”"));
        assertThat(workspace.resolve("settings/studio.properties")).doesNotExist();
    }

    @Test
    void devicesPage_addAndRemoveServer_keptForTheNextStart(FxRobot robot) throws Exception {
        robot.clickOn("#nav-devices");
        robot.clickOn("#remote-server").write("10.0.0.5:5037");
        robot.clickOn("#add-server");
        waitUntil(() -> robot.lookup("#remove-server-10-0-0-5-5037").tryQuery().isPresent());
        assertThat(saved().remoteServers()).containsExactly("10.0.0.5:5037");
        robot.clickOn("#nav-settings");
        assertThat(robot.lookup("#settings-servers").queryAs(TextArea.class).getText()).isEqualTo("10.0.0.5:5037");
        robot.clickOn("#nav-devices");

        robot.clickOn("#remove-server-10-0-0-5-5037");
        waitUntil(() -> robot.lookup("#remove-server-10-0-0-5-5037").tryQuery().isEmpty());
        assertThat(saved().remoteServers()).isEmpty();
        assertThat(robot.lookup("#devices-status").queryAs(Label.class).getText())
                .isEqualTo("No longer listing devices of 10.0.0.5:5037.");
        robot.clickOn("#nav-settings");
        assertThat(robot.lookup("#settings-servers").queryAs(TextArea.class).getText())
                .as("Apply on Settings must not bring the server back").isEmpty();
    }

    @Test
    void devicesPage_addServerBadText_namesTheText(FxRobot robot) throws Exception {
        robot.clickOn("#nav-devices");
        for (String bad : new String[] {"localhost", "host:99999", ""}) {
            robot.interact(() -> robot.lookup("#remote-server").queryAs(TextField.class).setText(bad));
            robot.clickOn("#add-server");
            waitUntil(() -> robot.lookup("#devices-error").queryAs(Label.class).getText().startsWith("“" + bad + "”"));
        }
        assertThat(services.remoteServers).isEmpty();
        assertThat(workspace.resolve("settings/studio.properties")).doesNotExist();
    }
}
