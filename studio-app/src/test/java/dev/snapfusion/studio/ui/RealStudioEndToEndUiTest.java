package dev.snapfusion.studio.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snapfusion.link.LinkOptions;
import dev.snapfusion.studio.job.Studio;
import dev.snapfusion.studio.job.StudioServicesImpl;
import dev.snapfusion.studio.job.Workspace;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
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
 * The workbench on the REAL services: a Studio with a temp workspace, a private adb server (own port, own
 * HOME so its key is sandboxed) and the virtual device. "Run demo comparison" converts both demo models,
 * pushes them through the adb server, runs them and shows the report. Slow (minutes); needs adb.
 */
@Tag("adb")
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class RealStudioEndToEndUiTest {
    private Path adb;
    private Path home;
    private int port;
    private Studio studio;

    @Start
    void start(Stage stage) throws Exception {
        Optional<Path> found = findAdb();
        assumeTrue(found.isPresent(), "adb is not on PATH");
        adb = found.get();
        Path root = Files.createTempDirectory("studio-e2e");
        home = Files.createDirectories(root.resolve("home"));
        port = freePort();
        adb("start-server");
        awaitServer();
        Workspace ws = new Workspace(root.resolve("workspace")).create();
        studio = new Studio(ws, new LinkOptions(ws.root(), port, Optional.of(adb), List.of(), home.resolve(".android")));
        stage.setScene(StudioApp.createScene(new StudioServicesImpl(studio, "virtual")));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        if (studio != null) studio.close();
        if (adb != null) adb("kill-server");
    }

    @Test
    void runDemo_realServicesOnVirtualDevice_showsBothImagesAndTheBlockChart(FxRobot robot) throws Exception {
        robot.clickOn("#run-demo");
        Label error = robot.lookup("#compare-error").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.MINUTES, () -> error.isVisible()
                || robot.lookup("#image-snapfusion").tryQuery().isPresent() && robot.lookup("#image-sd15").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error.isVisible()).as(error.getText()).isFalse();

        for (String id : new String[] {"#image-snapfusion", "#image-sd15"}) {
            ImageView view = robot.lookup(id).queryAs(ImageView.class);
            assertThat(view.getImage()).as(id).isNotNull();
            assertThat(view.getImage().isError()).as(id).isFalse();
            assertThat(view.getImage().getWidth()).as(id).isGreaterThan(0);
        }
        @SuppressWarnings("unchecked")
        StackedBarChart<Number, String> chart = robot.lookup("#block-chart").queryAs(StackedBarChart.class);
        assertThat(chart.getData()).isNotEmpty();
        assertThat(chart.getData().stream().mapToDouble(s -> s.getData().stream()
                .mapToDouble(d -> d.getXValue().doubleValue()).sum()).sum()).as("charted block time").isPositive();
        assertThat(robot.lookup("#compare-summary").queryAs(Label.class).getText()).contains("faster");
    }

    private static Optional<Path> findAdb() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "adb");
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** An ephemeral port away from 5555-5585, which adb scans for emulators. */
    private static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (s.getLocalPort() < 5555 || s.getLocalPort() > 5585) return s.getLocalPort();
            }
        }
    }

    private void awaitServer() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("adb server on port " + port + " did not come up");
    }

    /** Runs adb against the private server with the sandboxed HOME, so ~/.android is never touched. */
    private void adb(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(adb.toString(), "-P", Integer.toString(port), command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.remove("ADB_VENDOR_KEYS");
        env.remove("ANDROID_SDK_HOME");
        env.remove("ANDROID_USER_HOME");
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
    }
}
