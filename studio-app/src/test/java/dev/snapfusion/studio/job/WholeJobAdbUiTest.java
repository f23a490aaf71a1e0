package dev.snapfusion.studio.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.studio.app.FxStall;
import dev.snapfusion.studio.app.FxWatchdog;
import dev.snapfusion.studio.app.StudioApp;
import dev.snapfusion.studio.compare.ComparePage;
import dev.snapfusion.studio.layout.MainWindow;
import dev.snapfusion.studio.services.StudioServicesImpl;
import dev.snapfusion.studio.ui.FolderChooser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.PopupWindow;
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
 * The whole job through the GUI on the REAL services (temp workspace, private adb server, the virtual device):
 * convert both demo models, run each on the virtual device, compare the two runs and export the report. It only
 * clicks, picks from lists and presses keys. An {@link FxWatchdog} runs throughout; its table goes to stdout
 * (target/surefire-reports/…-output.txt). About 3 minutes here; needs adb.
 */
@Tag("adb")
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class WholeJobAdbUiTest {
    /** A job on the FX thread takes seconds; building a page and its first layout take a few hundred ms of CPU. */
    private static final double MAX_GAP_MS = 1000;
    private static final String SD15 = "demo-sd15-fp32";
    private static final String SNAPFUSION = "demo-snapfusion-fp16";

    private PrivateAdbServer server;
    private Studio studio;
    private Path exportDir;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path root = Files.createTempDirectory("studio-whole-job");
        server = new PrivateAdbServer(root.resolve("home"));
        studio = server.studio(root.resolve("workspace"));
        exportDir = root.resolve("exported");
        Scene scene = StudioApp.createScene(new StudioServicesImpl(studio, "virtual"));
        // The Export… folder dialog is the system's, which a headless test cannot click: answer it here.
        FolderChooser.install(scene, (owner, title, initial) -> Optional.of(exportDir));
        stage.setScene(scene);
        stage.show();
        window = (MainWindow) scene.getRoot();
    }

    @AfterEach
    void stop() throws Exception {
        if (studio != null) studio.close();
        if (server != null) server.close();
    }

    @Test
    void wholeJob_convertRunCompareExportThroughTheGui_writesTheReportAndKeepsTheFxThreadFree(FxRobot robot)
            throws Exception {
        FxWatchdog watchdog = FxWatchdog.start();
        try {
            // As StudioApp.start does once the window is up; the table shows what building the pages costs.
            watchdog.phase("startup: pages built in idle time");
            robot.interact(() -> window.prewarm(StudioApp.PREWARM_PAUSE));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.allPagesBuilt());
            watchdog.phase("convert sd15");
            convert(robot, "demo:sd15", "fp32", SD15);
            watchdog.phase("convert snapfusion (fp16)");
            convert(robot, "demo:snapfusion", "fp16", SNAPFUSION);

            watchdog.phase("push+generate sd15");
            generate(robot, SD15);
            watchdog.phase("push+generate snapfusion");
            generate(robot, SNAPFUSION);

            watchdog.phase("compare");
            compareTheTwoRuns(robot);
            checkComparePage(robot);

            watchdog.phase("export");
            export(robot);
            watchdog.phase("idle");
            Thread.sleep(500);
        } finally {
            watchdog.close();
            System.out.print(watchdog.table());
        }
        checkExportedFolder();
        checkWatchdog(watchdog);
    }

    private static void convert(FxRobot robot, String source, String quant, String bundle) throws Exception {
        robot.clickOn("#nav-convert");
        pick(robot, "#convert-source", source::equals);
        pick(robot, "#convert-quant", quant::equals);
        Label status = robot.lookup("#convert-status").queryAs(Label.class);
        Label error = robot.lookup("#convert-error").queryAs(Label.class);
        robot.clickOn("#convert-run");
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> error.isVisible()
                || status.getText().startsWith("Bundle written") && status.getText().endsWith(bundle));
        assertThat(error.isVisible()).as(error.getText()).isFalse();
        assertThat(robot.lookup("#convert-result").queryAs(Node.class).isVisible()).isTrue();
        assertThat(robot.lookup("#convert-facts").queryAs(Label.class).getText()).contains(quant, bundle);
        assertThat(robot.lookup("#convert-components").queryAs(TableView.class).getItems()).isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    private static void generate(FxRobot robot, String bundle) throws Exception {
        robot.clickOn("#nav-generate");
        ComboBox<Object> devices = robot.lookup("#gen-device").queryAs(ComboBox.class);
        ComboBox<String> bundles = robot.lookup("#gen-bundle").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !devices.getItems().isEmpty()
                && bundles.getItems().stream().anyMatch(b -> b.endsWith(bundle)));
        pick(robot, "#gen-device", "Virtual device (host CPU)"::equals);
        pick(robot, "#gen-bundle", b -> b.endsWith(bundle));
        assertThat(robot.lookup("#gen-prompt").queryAs(TextArea.class).getText()).isEqualTo(DemoJob.PROMPT);

        ListView<Object> runs = robot.lookup("#gen-runs").queryAs(ListView.class);
        int before = runs.getItems().size();
        Label error = robot.lookup("#gen-error").queryAs(Label.class);
        robot.clickOn("#gen-run");
        WaitForAsyncUtils.waitFor(10, TimeUnit.MINUTES, () -> error.isVisible() || runs.getItems().size() > before
                && !robot.lookup("#gen-run").queryAs(Button.class).isDisabled());
        assertThat(error.isVisible()).as(error.getText()).isFalse();
        ImageView image = robot.lookup("#gen-image").queryAs(ImageView.class);
        assertThat(image.getImage()).as("generated image").isNotNull();
        assertThat(image.getImage().isError()).isFalse();
        assertThat(robot.lookup("#timing-total").queryAs(Label.class).getText()).matches("[0-9.]+ (ms|s)");
        String quant = bundle.substring(bundle.lastIndexOf('-') + 1);
        assertThat(robot.lookup("#timing-bundle").queryAs(Label.class).getText()).contains("(" + quant + ",");
    }

    /** Selects the SnapFusion run, then Compare with… and the SD-v1.5 run in the dialog. */
    @SuppressWarnings("unchecked")
    private static void compareTheTwoRuns(FxRobot robot) throws Exception {
        ListView<Object> runs = robot.lookup("#gen-runs").queryAs(ListView.class);
        robot.clickOn(await(() -> robot.from(runs).lookup(".list-cell").match(cellText(t -> t.contains(SNAPFUSION))).tryQuery(),
                "a cell showing the SnapFusion run among " + runs.getItems()));
        robot.clickOn("#gen-compare");
        WaitForAsyncUtils.waitForFxEvents();
        ComboBox<String> choice = (ComboBox<String>) await(() -> robot.lookup(".dialog-pane .combo-box").tryQuery(),
                "the Compare with… dialog");
        assertThat(choice.getValue()).contains(SD15);
        robot.clickOn("OK");
        // Generate says when the comparison fails; when it succeeds, the Compare page replaces it.
        WaitForAsyncUtils.waitFor(2, TimeUnit.MINUTES, () -> visible(robot, "#gen-error")
                || robot.lookup("#image-snapfusion").tryQuery().isPresent() && robot.lookup("#image-sd15").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#gen-error")).as("Generate's error banner").isFalse();
    }

    /** True when the node is on the page shown and visible; pages not shown are not in the scene. */
    private static boolean visible(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    private static void checkComparePage(FxRobot robot) throws Exception {
        Label error = robot.lookup("#compare-error").queryAs(Label.class);
        assertThat(error.isVisible()).as(error.getText()).isFalse();
        for (String id : List.of("#image-snapfusion", "#image-sd15")) {
            ImageView view = robot.lookup(id).queryAs(ImageView.class);
            assertThat(view.getImage()).as(id).isNotNull();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.getImage().getProgress() >= 1);   // loads in the background
            assertThat(view.getImage().isError()).as(id).isFalse();
            assertThat(view.getImage().getWidth()).as(id).isPositive();
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup(".compare-page").queryAs(ComparePage.class).settledProperty().get());   // rows come a few per frame
        assertThat(robot.lookup("#block-delta-table").queryAs(TableView.class).getItems()).as("block table").isNotEmpty();
        assertThat(robot.lookup("#compare-summary").queryAs(Label.class).getText()).contains("SnapFusion", "faster");
        Label metrics = robot.lookup("#image-metrics").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !metrics.getText().isEmpty());
        assertThat(metrics.getText()).contains("PSNR");
    }

    private static void export(FxRobot robot) throws Exception {
        Label status = robot.lookup("#demo-status").queryAs(Label.class);
        Label error = robot.lookup("#compare-error").queryAs(Label.class);
        robot.clickOn("#compare-summary");   // the main window has the keyboard again after the dialog
        robot.push(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN));
        WaitForAsyncUtils.waitFor(2, TimeUnit.MINUTES, () -> error.isVisible() || status.getText().startsWith("Exported"));
        assertThat(error.isVisible()).as(error.getText()).isFalse();
    }

    private void checkExportedFolder() throws Exception {
        for (String f : List.of("report.html", "report.json", "snapfusion.png", "sd15.png", "difference.png")) {
            assertThat(exportDir.resolve(f)).as(f).isNotEmptyFile();
        }
        JsonNode json = new ObjectMapper().readTree(exportDir.resolve("report.json").toFile());
        List<String> variants = new ArrayList<>();
        json.get("runs").forEach(r -> variants.add(r.get("variant").asText()));
        assertThat(variants).containsExactlyInAnyOrder("snapfusion", "sd15");
        assertThat(Files.readString(exportDir.resolve("report.html"))).contains("snapfusion.png", "sd15.png");
    }

    /**
     * Fails on a stall the FX thread caused: a studio frame caught below a blocking call, or a gap of a second or more
     * in which the FX thread itself worked a second or more (its CPU time). On this loaded 2-core machine a gap is
     * mostly the FX thread waiting for a core (or the whole process for GC); that is printed, not failed.
     */
    private static void checkWatchdog(FxWatchdog watchdog) {
        assertThat(watchdog.pings()).as("watchdog pings").isGreaterThan(100);
        List<FxStall> stalls = watchdog.stalls();
        assertThat(stalls.stream().filter(s -> s.blockingStudioCall().isPresent()).map(FxStall::describe))
                .as("stalls with a studio frame below a blocking call").isEmpty();
        assertThat(stalls.stream().filter(s -> s.gapMs() >= MAX_GAP_MS && s.cpuMs() >= MAX_GAP_MS).map(FxStall::describe))
                .as("gaps of %.0f ms or more that the FX thread spent working", MAX_GAP_MS).isEmpty();
    }

    /** Opens the combo box's list and clicks the entry whose text matches. */
    private static void pick(FxRobot robot, String comboId, Predicate<String> entry) {
        ComboBox<?> combo = robot.lookup(comboId).queryAs(ComboBox.class);
        robot.clickOn(robot.lookup(comboId + " .arrow-button").queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(await(() -> robot.lookup(".list-cell").match(cellText(entry)
                .and(n -> n.getScene().getWindow() instanceof PopupWindow)).tryQuery(), "the entry in " + comboId + "'s list"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(combo.isShowing()).as(comboId + " list closed").isFalse();
        assertThat(converted(combo)).as(comboId).matches(entry);
    }

    /** Cells follow their items at the next pulse, which a loaded machine may delay by seconds. */
    private static Node await(Supplier<Optional<Node>> query, String what) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> query.get().isPresent());
        } catch (TimeoutException e) {
            throw new AssertionError("not shown within 30 s: " + what, e);
        }
        return query.get().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static <T> String converted(ComboBox<T> combo) {
        return combo.getConverter().toString(combo.getValue());
    }

    private static Predicate<Node> cellText(Predicate<String> text) {
        return n -> n instanceof ListCell<?> c && !c.isEmpty() && c.getText() != null && text.test(c.getText());
    }
}
