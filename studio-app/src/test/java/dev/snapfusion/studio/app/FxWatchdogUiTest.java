package dev.snapfusion.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The watchdog against the real FX thread: a deliberate sleep is caught and named; waiting for work is not. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class FxWatchdogUiTest {
    // Not an Object field: the TestFX extension fills fields that an FxRobot fits into.
    private static final String NESTED = "nested loop of the watchdog test";

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Label("watchdog"), 200, 100));
        stage.show();
    }

    private static void holdFxThread() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitInNestedLoop() {
        Platform.enterNestedEventLoop(NESTED);
    }

    @Test
    void stall_sleepOnTheFxThread_isCaughtWithTheSleepingFrame() throws Exception {
        List<FxStall> sleeps;
        try (FxWatchdog watchdog = FxWatchdog.start()) {
            watchdog.phase("quiet");
            Thread.sleep(300);
            watchdog.phase("sleep");
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(() -> {
                holdFxThread();
                done.countDown();
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            watchdog.phase("after");
            Thread.sleep(200);
            System.out.print(watchdog.table());
            sleeps = watchdog.stalls().stream().filter(s -> s.phase().equals("sleep")).toList();
            assertThat(watchdog.table()).contains("quiet", "sleep", "BLOCKING STUDIO CALL");
        }
        assertThat(sleeps).as("stalls while the FX thread slept").isNotEmpty();
        FxStall longest = sleeps.stream().max((a, b) -> Double.compare(a.gapMs(), b.gapMs())).orElseThrow();
        assertThat(longest.gapMs()).isBetween(250.0, 5000.0);
        assertThat(longest.fxThreadBusy()).isTrue();
        assertThat(longest.blockingStudioCall()).hasValueSatisfying(v -> assertThat(v)
                .startsWith("dev.snapfusion.studio.app.FxWatchdogUiTest.holdFxThread(FxWatchdogUiTest.java:")
                .endsWith("→ java.lang.Thread.sleep"));
    }

    @Test
    void idle_theFxThreadWaitingInItsLoop_isIdleAndBlamesNothing() throws Exception {
        Thread fx = fxThread();
        List<FxSample> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Thread.sleep(50);
            samples.add(FxSample.of(0, fx.getStackTrace()));
        }
        assertThat(samples).as("samples of the real loop").anyMatch(FxSample::idle);
        assertThat(samples).noneMatch(s -> s.blockingStudioCall().isPresent());
    }

    @Test
    void idle_aNestedLoopOpenedByStudioCode_isIdleAndBlamesNothing() throws Exception {
        Thread fx = fxThread();
        Platform.runLater(FxWatchdogUiTest::waitInNestedLoop);
        List<FxSample> samples = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Thread.sleep(50);
                samples.add(FxSample.of(0, fx.getStackTrace()));
            }
        } finally {
            Platform.runLater(() -> Platform.exitNestedEventLoop(NESTED, null));
        }
        assertThat(samples).as("the page frame is on the stack, below the nested loop")
                .anyMatch(s -> s.frames().stream().anyMatch(f -> f.getMethodName().equals("waitInNestedLoop")));
        assertThat(samples).anyMatch(FxSample::idle);
        assertThat(samples).noneMatch(s -> s.blockingStudioCall().isPresent());
    }

    private static Thread fxThread() throws InterruptedException {
        Thread[] fx = new Thread[1];
        CountDownLatch found = new CountDownLatch(1);
        Platform.runLater(() -> {
            fx[0] = Thread.currentThread();
            found.countDown();
        });
        assertThat(found.await(10, TimeUnit.SECONDS)).isTrue();
        return fx[0];
    }
}
