package dev.snapfusion.studio.evolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.studio.app.StudioApp;
import dev.snapfusion.studio.common.ProgressSink;
import dev.snapfusion.studio.evolution.Action;
import dev.snapfusion.studio.evolution.EvolveResult;
import dev.snapfusion.studio.evolution.EvolveSpec;
import dev.snapfusion.studio.evolution.GreedySearch;
import dev.snapfusion.studio.evolution.LatencyTable;
import dev.snapfusion.studio.evolution.PathStep;
import dev.snapfusion.studio.evolution.PresetExport;
import dev.snapfusion.studio.evolution.Quality;
import dev.snapfusion.studio.evolution.SkipCandidates;
import dev.snapfusion.studio.services.UnusedServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
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

/** The Evolve page: progress while the explorer runs off the FX thread, then the ranked table and the labelled path. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class EvolvePageUiTest {
    private final CountDownLatch gate = new CountDownLatch(1);
    private Path workspace;
    private volatile String seenOnThread;

    @Start
    void start(Stage stage) throws Exception {
        workspace = Files.createTempDirectory("studio-evolve");
        Files.createDirectories(workspace.resolve("sf"));
        Files.writeString(workspace.resolve("sf/manifest.json"), "{}");
        stage.setScene(StudioApp.createScene(new UnusedServices() {
            @Override
            public Path workspace() {
                return workspace;
            }

            @Override
            public EvolveResult evolve(EvolveSpec spec, ProgressSink progress) throws Exception {
                seenOnThread = Thread.currentThread().getName();
                progress.update("Probing", 0.5, "skip up.1.cross_attention.0");
                gate.await(20, TimeUnit.SECONDS);
                return result(spec);
            }
        }));
        stage.show();
    }

    private static EvolveResult result(EvolveSpec spec) {
        Quality q1 = new Quality(0.99, 30, 0.95), q2 = new Quality(0.9, 20, 0.8);
        List<Action> actions = List.of(Action.of("mid.resnet.0", 2, q1), Action.of("up.1.cross_attention.0", 4, q2));
        List<PathStep> path = List.of(new PathStep("mid.resnet.0", List.of("mid.resnet.0"), 18, 900, q1),
                new PathStep("up.1.cross_attention.0", List.of("mid.resnet.0", "up.1.cross_attention.0"), 14, 700, q2));
        GreedySearch.Result search = new GreedySearch.Result(actions, path, 20, 1000, true);
        LatencyTable lut = new LatencyTable(spec.device(), "host", "b1", "TFLite test", "2026-12-07T00:00:00Z", List.of(), Map.of());
        PresetExport export = new PresetExport(Presets.builtIn("demo:snapfusion"), List.of("up.1.cross_attention.0"),
                Map.of("mid.resnet.0", "the preset format needs mid to start with a resnet or be empty"));
        return new EvolveResult("b1", lut, new SkipCandidates(List.of("mid.resnet.0", "up.1.cross_attention.0"), Map.of()), 2,
                spec.targetMs(), search, export, spec.outDir().resolve("p.json"), 16, 800, spec.outDir());
    }

    @Test
    void explore_validForm_progressOffFxThreadThenRankedTableAndLabelledPath(FxRobot robot) throws Exception {
        robot.clickOn("#nav-evolve");
        robot.interact(() -> {
            robot.lookup("#evolve-bundle").queryAs(TextField.class).setText(workspace.resolve("sf").toString());
            robot.lookup("#evolve-target").queryAs(TextField.class).setText("15");
        });
        robot.clickOn("#evolve-run");
        ProgressBar bar = robot.lookup("#evolve-progress").queryAs(ProgressBar.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> bar.isVisible() && bar.getProgress() == 0.5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#evolve-status").queryAs(Label.class).getText()).isEqualTo("Probing: skip up.1.cross_attention.0");
        assertThat(seenOnThread).isEqualTo("evolve-worker");

        gate.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#evolve-table-card").queryAs(Node.class).isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#evolve-actions").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(2);
        assertThat(robot.lookup("#evolve-path-card").queryAs(Node.class).isVisible()).isTrue();
        LineChart<?, ?> chart = robot.lookup("#evolve-path-chart").queryAs(LineChart.class);
        assertThat(chart.getData().get(0).getData()).hasSize(3);
        assertThat(chart.getData().get(0).getData()).extracting(d -> ((Label) d.getNode()).getText())
                .containsExactly("full model", "−mid.resnet.0", "−up.1.cross_attention.0");
        assertThat(chart.getData().get(0).getData()).extracting(d -> ((Number) d.getXValue()).doubleValue()).containsExactly(20.0, 18.0, 14.0);
        assertThat(robot.lookup("#evolve-notes").queryAs(Label.class).getText()).contains("mid.resnet.0 stays in the preset");
        assertThat(robot.lookup("#evolve-status").queryAs(Label.class).getText()).contains("20.0 → 14.0 ms per step after 2 removals");
    }

    @Test
    void explore_targetNotANumber_errorBannerAndNoRun(FxRobot robot) {
        robot.clickOn("#nav-evolve");
        robot.interact(() -> {
            robot.lookup("#evolve-bundle").queryAs(TextField.class).setText(workspace.resolve("sf").toString());
            robot.lookup("#evolve-target").queryAs(TextField.class).setText("fast");
        });
        robot.clickOn("#evolve-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#evolve-error").queryAs(Label.class).getText()).contains("must be numbers");
        assertThat(seenOnThread).isNull();
    }
}
