package dev.snapfusion.studio.app;

import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.RunOutcome;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.studio.common.ProgressSink;
import dev.snapfusion.studio.job.GenerateSpec;
import dev.snapfusion.studio.layout.MainWindow;
import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.services.DemoResult;
import dev.snapfusion.studio.services.DeviceDetails;
import dev.snapfusion.studio.services.DeviceList;
import dev.snapfusion.studio.services.StudioServices;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX workbench. JavaFX creates this class itself, so services are handed over through
 * {@link #setServices(StudioServices)} before {@link Application#launch}.
 */
public final class StudioApp extends Application {
    public static final String TITLE = "SnapFusion Studio";
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private static volatile StudioServices services = new UnconfiguredServices();
    private static volatile Path initialReport;

    /** Call before launch; later calls do not affect a window that is already open. */
    public static void setServices(StudioServices s) {
        services = Objects.requireNonNull(s, "services");
    }

    /** A report folder to show on the Compare page when the window opens ({@code studio open DIR}). */
    public static void setInitialReport(Path reportDir) {
        initialReport = reportDir;
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle(TITLE);
        Scene scene = createScene(services);
        stage.setScene(scene);
        WindowState state = new WindowState(services.workspace());
        state.restore(stage);
        if (scene.getRoot() instanceof MainWindow w) {
            // `studio open DIR` shows its report on Compare; otherwise the page the last session ended on
            w.show(initialReport != null ? dev.snapfusion.studio.event.PageId.COMPARE
                    : state.page(dev.snapfusion.studio.event.PageId.COMPARE));
            stage.setOnHiding(e -> state.save(stage, w.current()));
            w.prewarm(PREWARM_PAUSE);   // starts after the first pause, once the window is up
        }
        stage.show();
        Path report = initialReport;
        if (report != null && scene.getRoot() instanceof MainWindow w) {
            w.bus().publish(new dev.snapfusion.studio.event.ReportReadyEvent(report,
                    dev.snapfusion.studio.report.ReportReader.read(report)));
        }
    }

    /** After the window is up: the pages not shown yet are built one by one in idle moments (MainWindow.prewarm). */
    public static final javafx.util.Duration PREWARM_PAUSE = javafx.util.Duration.millis(400);

    /** The studio's scene with its style sheets (the saved theme's), for the app and for UI tests. */
    public static Scene createScene(StudioServices s) {
        Scene scene = new Scene(new MainWindow(s), WIDTH, HEIGHT);
        dev.snapfusion.studio.ui.Themes.apply(scene, s.settings().theme());
        return scene;
    }

    /** Used when the app is launched without services: every action explains what is missing. */
    private static final class UnconfiguredServices implements StudioServices {
        private static IllegalStateException missing() {
            return new IllegalStateException("The studio was started without its services, so it cannot do this; "
                    + "start it through the studio launcher.");
        }

        @Override
        public DemoResult runDemo(Path outDir, ProgressSink progress) {
            throw missing();
        }

        @Override
        public Path workspace() {
            return Path.of(System.getProperty("user.home"), ".snapfusion-studio");
        }

        @Override
        public ConvertedBundle convert(String source, Quantization quant, Path outDir, ProgressSink progress) {
            throw missing();
        }

        @Override
        public DeviceList devices() {
            throw missing();
        }

        @Override
        public AutoCloseable watchDevices(Consumer<DeviceList> onChange) {
            throw missing();
        }

        @Override
        public DeviceDetails deviceDetails(DeviceInfo device) {
            throw missing();
        }

        @Override
        public void startVirtualDevice() {
            throw missing();
        }

        @Override
        public void addRemoteServer(String hostPort) {
            throw missing();
        }

        @Override
        public RunOutcome generate(GenerateSpec spec, ProgressSink pushProgress, Consumer<RunnerEvent> onEvent) {
            throw missing();
        }

        @Override
        public ComparisonReport compareRuns(Path runA, Path runB, Path outDir) {
            throw missing();
        }
    }
}
