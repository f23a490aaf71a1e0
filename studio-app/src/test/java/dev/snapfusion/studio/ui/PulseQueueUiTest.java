package dev.snapfusion.studio.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Steps run one per pulse on the FX thread, in order; a new batch replaces the rest; a failing step stops nothing. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class PulseQueueUiTest {
    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Label("pulses"), 200, 100));
        stage.show();
    }

    @Test
    void fill_fiveItemsTwoAtATime_appendsOneChunkPerStepAndEndsIdle(FxRobot robot) throws Exception {
        PulseQueue queue = new PulseQueue();
        ObservableList<String> target = FXCollections.observableArrayList("old");
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        List<Runnable> steps = PulseQueue.fill(target, List.of("a", "b", "c", "d", "e"), 2, t -> sizes.add(t.size()));
        assertThat(steps).hasSize(3);

        robot.interact(() -> {
            queue.replace(steps);
            assertThat(queue.idleProperty().get()).as("idle right after replace").isFalse();
            assertThat(target).as("nothing runs before the next pulse").containsExactly("old");
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> queue.idleProperty().get());

        assertThat(sizes).containsExactly(2, 4, 5);
        assertThat(target).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void replace_whileStepsPending_dropsTheRest(FxRobot robot) throws Exception {
        PulseQueue queue = new PulseQueue();
        List<String> ran = new CopyOnWriteArrayList<>();
        robot.interact(() -> {
            queue.replace(List.of(() -> ran.add("old 1"), () -> ran.add("old 2")));
            queue.replace(List.of(() -> ran.add("new 1"), () -> ran.add("new 2")));
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> queue.idleProperty().get());
        assertThat(ran).containsExactly("new 1", "new 2");
    }

    @Test
    void replace_stepThrows_laterStepsStillRun(FxRobot robot) throws Exception {
        PulseQueue queue = new PulseQueue();
        List<String> ran = new CopyOnWriteArrayList<>();
        robot.interact(() -> queue.replace(List.of(() -> {
            throw new IllegalStateException("deliberate");
        }, () -> ran.add("after"))));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> queue.idleProperty().get());
        assertThat(ran).containsExactly("after");
    }

    @Test
    void startingWith_runsTheFirstInsideTheFirstStep() {
        List<String> ran = new CopyOnWriteArrayList<>();
        List<Runnable> steps = PulseQueue.startingWith(() -> ran.add("title"), List.of(() -> ran.add("rows 1"), () -> ran.add("rows 2")));
        assertThat(steps).hasSize(2);
        steps.get(0).run();
        assertThat(ran).containsExactly("title", "rows 1");
        assertThat(PulseQueue.startingWith(() -> ran.add("alone"), List.of())).hasSize(1);
    }

    @Test
    void fill_chunkZero_isRefused() {
        assertThatThrownBy(() -> PulseQueue.fill(FXCollections.observableArrayList(), List.of("a"), 0, t -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk");
    }
}
