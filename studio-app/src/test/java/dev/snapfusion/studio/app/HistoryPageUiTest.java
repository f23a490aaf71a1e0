package dev.snapfusion.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.studio.report.RunFixtures;
import dev.snapfusion.studio.runs.RunEntry;
import dev.snapfusion.studio.runs.RunIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The History page on a workspace whose index holds two runs, as if made before a restart. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class HistoryPageUiTest {
    private static final String FOX = "a red fox in snow at dusk, watercolour, soft light, wide shot";
    private static final String HEX_BUNDLE = "a196cf0e5d2b7c41";
    private Path sfRun;
    private Path sdRun;

    @Start
    void start(Stage stage) throws Exception {
        Path workspace = Files.createTempDirectory("studio-history");
        sfRun = RunFixtures.snapFusionRun(workspace.resolve("runs/20261207-101500-demo-snapfusion-fp32"));
        sdRun = RunFixtures.sd15Run(workspace.resolve("runs/20261207-111500-demo-sd15-fp32"));
        RunIndex index = new RunIndex(workspace);
        index.add(entry("20261207-101500-000-snapfusion", sfRun, "2026-12-07T10:15:00Z", RunFixtures.PROMPT, "snapfusion"));
        index.add(entry("20261207-111500-000-sd15", sdRun, "2026-12-07T11:15:00Z", FOX, "sd15"));
        stage.setScene(StudioApp.createScene(new FakeStudioServices(workspace, 40)));
        stage.show();
    }

    private static RunEntry entry(String id, Path folder, String created, String prompt, String variant) {
        return RunEntry.builder().id(id).created(OffsetDateTime.parse(created)).folder(folder).prompt(prompt)
                .variant(variant).device("Pixel 8 Pro").serial("R58M41ABCD")
                .bundle(variant.equals("sd15") ? HEX_BUNDLE : "demo-" + variant + "-fp32")
                .quantization("fp32").steps(variant.equals("sd15") ? 50 : 8).seed(42).cfg(7.5)
                .runtime("TFLite 2.16.1 (Java API)").totalMs(variant.equals("sd15") ? 85_000 : 2_000).build();
    }

    @SuppressWarnings("unchecked")
    private TableView<RunEntry> openHistory(FxRobot robot) throws Exception {
        robot.clickOn("#nav-history");
        TableView<RunEntry> table = robot.lookup("#history-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        return table;
    }

    @Test
    void history_twoIndexedRuns_listedNewestFirstThenFilteredByPrompt(FxRobot robot) throws Exception {
        TableView<RunEntry> table = openHistory(robot);
        assertThat(table.getItems()).extracting(RunEntry::prompt).containsExactly(FOX, RunFixtures.PROMPT);
        assertThat(robot.lookup("#history-count").queryAs(Label.class).getText()).isEqualTo("2 of 2 runs");
        assertThat(robot.lookup(".history-thumb").queryAllAs(ImageView.class))
                .hasSize(2).allSatisfy(v -> assertThat(v.getImage()).isNotNull());

        robot.clickOn("#history-prompt").write("FOX");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).extracting(RunEntry::id).containsExactly("20261207-111500-000-sd15");
        assertThat(robot.lookup("#history-count").queryAs(Label.class).getText()).isEqualTo("1 of 2 runs");

        robot.interact(() -> robot.lookup("#history-prompt").queryAs(TextField.class).setText("astronaut"));
        assertThat(table.getItems()).extracting(RunEntry::id).containsExactly("20261207-101500-000-snapfusion");
        robot.interact(() -> robot.lookup("#history-prompt").queryAs(TextField.class).setText("nothing like this"));
        assertThat(table.getItems()).isEmpty();
        robot.clickOn("#history-clear");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(2);
    }

    @Test
    void runtimeColumn_showsTheEngineAndVersion_withTheWholeTextOnHover(FxRobot robot) throws Exception {
        openHistory(robot);
        List<TableCell<?, ?>> cells = cellsShowing(robot, "TFLite 2.16.1");
        assertThat(cells).as("runtime cells of both runs").hasSize(2);
        assertThat(cells).allSatisfy(c -> assertThat(c.getTooltip().getText()).isEqualTo("TFLite 2.16.1 (Java API)"));
    }

    @Test
    void promptColumn_wrapsALongPromptWhole_andBundleShowsItsShortIdWithTheWholeIdOnHover(FxRobot robot) throws Exception {
        openHistory(robot);
        TableCell<?, ?> prompt = cellShowing(robot, FOX);
        assertThat(prompt.isWrapText()).isTrue();
        Text drawn = (Text) prompt.lookup(".text");
        assertThat(drawn.getText()).as("the prompt as drawn, over two lines, not cut").isEqualTo(FOX);
        Text oneLine = new Text(FOX);
        oneLine.setFont(drawn.getFont());
        assertThat(drawn.getLayoutBounds().getHeight()).as("wrapped: taller than one line")
                .isGreaterThan(1.5 * oneLine.getLayoutBounds().getHeight());

        TableCell<?, ?> bundle = cellShowing(robot, "a196cf0e");
        assertThat(bundle.getTooltip().getText()).isEqualTo(HEX_BUNDLE);
        assertThat(cellShowing(robot, "demo-snapfusion-fp32").getTooltip().getText()).isEqualTo("demo-snapfusion-fp32");
    }

    private static List<TableCell<?, ?>> cellsShowing(FxRobot robot, String text) {
        return robot.lookup(".table-cell").match((TableCell<?, ?> c) -> text.equals(c.getText()))
                .queryAllAs(TableCell.class).stream().<TableCell<?, ?>>map(c -> c).toList();
    }

    private static TableCell<?, ?> cellShowing(FxRobot robot, String text) {
        List<TableCell<?, ?>> cells = cellsShowing(robot, text);
        assertThat(cells).as("cells showing \"%s\"", text).hasSize(1);
        return cells.get(0);
    }

    @Test
    void compare_twoSelectedRuns_showsTheComparisonOnTheComparePage(FxRobot robot) throws Exception {
        TableView<RunEntry> table = openHistory(robot);
        Button compare = robot.lookup("#history-compare").queryAs(Button.class);
        robot.interact(() -> table.getSelectionModel().select(0));
        assertThat(compare.isDisabled()).isTrue();
        robot.interact(() -> table.getSelectionModel().selectAll());
        assertThat(compare.isDisabled()).isFalse();

        robot.clickOn("#history-compare");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#image-snapfusion").tryQuery().isPresent()
                && robot.lookup("#image-sd15").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#compare-summary").queryAs(Label.class).getText()).contains("SnapFusion", "faster");
        assertThat(robot.lookup("#nav-compare").queryAs(ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void open_selectedRun_showsItsImageAndTimingsOnTheGeneratePage(FxRobot robot) throws Exception {
        TableView<RunEntry> table = openHistory(robot);
        robot.interact(() -> table.getSelectionModel().select(1));
        robot.clickOn("#history-open");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#gen-image").tryQuery().isPresent()
                && robot.lookup("#gen-image").queryAs(ImageView.class).getImage() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#nav-generate").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(robot.lookup("#timing-unet").queryAs(Label.class).getText()).contains("for 8 steps");
        assertThat(robot.lookup("#gen-status").queryAs(Label.class).getText()).contains(sfRun.toString());
        // Generate's run list comes from the same history: both earlier runs, the opened one selected.
        @SuppressWarnings("unchecked")
        ListView<Object> runs = robot.lookup("#gen-runs").queryAs(ListView.class);
        assertThat(runs.getItems()).hasSize(2);
        assertThat(runs.getSelectionModel().getSelectedItem().toString()).contains("demo-snapfusion-fp32 · 8 steps · seed 42");
    }

    @Test
    void delete_confirmed_removesTheRowAndItsFolderInsideTheWorkspace(FxRobot robot) throws Exception {
        TableView<RunEntry> table = openHistory(robot);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#history-delete");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).extracting(RunEntry::prompt).containsExactly(RunFixtures.PROMPT);
        assertThat(sdRun).doesNotExist();
        assertThat(sfRun).isDirectory();
        assertThat(robot.lookup("#history-status").queryAs(Label.class).getText())
                .contains("Deleted run 20261207-111500-000-sd15 and its folder");
    }
}
