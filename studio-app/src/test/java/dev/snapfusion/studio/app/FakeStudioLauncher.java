package dev.snapfusion.studio.app;

import dev.snapfusion.studio.report.RunFixtures;
import dev.snapfusion.studio.runs.RunEntry;
import dev.snapfusion.studio.runs.RunIndex;
import dev.snapfusion.studio.services.DeviceDetails;
import dev.snapfusion.studio.services.DeviceList;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Opens the workbench on fake services, for looking at the UI without a phone:
 * {@code java -cp ... dev.snapfusion.studio.app.FakeStudioLauncher [--run] [--page=devices] [--phase-ms=700]
 * [--click=#gen-run] [--select-row=0] [--snapshot=out.png]}; {@code --run} starts the demo at once, {@code --click}
 * fires a button on the page a second later, {@code --select-row} selects a device row, {@code --snapshot} writes the
 * window to a PNG 14 s later and exits (works under headless Monocle). The fake lists a few phones in every state
 * and has two bundles, so every page has something to show.
 * The main class must not extend Application, or the java launcher insists on JavaFX modules.
 */
public final class FakeStudioLauncher {
    private FakeStudioLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The JavaFX side; public because JavaFX instantiates it reflectively. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            List<String> args = getParameters().getRaw();
            long phaseMs = args.stream().filter(x -> x.startsWith("--phase-ms=")).findFirst()
                    .map(x -> Long.parseLong(x.substring("--phase-ms=".length()))).orElse(700L);
            FakeStudioServices services = new FakeStudioServices(Files.createTempDirectory("studio-fake"), phaseMs);
            seed(services);
            Scene scene = StudioApp.createScene(services);
            stage.setTitle(StudioApp.TITLE);
            stage.setScene(scene);
            stage.show();
            if (args.contains("--run")) ((Button) scene.lookup("#run-demo")).fire();
            args.stream().filter(a -> a.startsWith("--page=")).findFirst().ifPresent(a ->
                    ((javafx.scene.control.ButtonBase) scene.lookup("#nav-" + a.substring("--page=".length()))).fire());
            PauseTransition later = new PauseTransition(Duration.seconds(1));
            later.setOnFinished(e -> {
                args.stream().filter(a -> a.startsWith("--click=")).forEach(a ->
                        ((javafx.scene.control.ButtonBase) scene.lookup(a.substring("--click=".length()))).fire());
                args.stream().filter(a -> a.startsWith("--select-row=")).findFirst().ifPresent(a ->
                        ((javafx.scene.control.TableView<?>) scene.lookup("#device-table")).getSelectionModel()
                                .select(Integer.parseInt(a.substring("--select-row=".length()))));
            });
            later.play();
            args.stream().filter(a -> a.startsWith("--snapshot=")).findFirst().ifPresent(a -> {
                PauseTransition wait = new PauseTransition(Duration.seconds(14));
                wait.setOnFinished(e -> {
                    if (args.contains("--scroll-end")) ((ScrollPane) scene.lookup(".page-scroll")).setVvalue(1);
                    scene.getRoot().layout();
                    try {
                        File out = new File(a.substring("--snapshot=".length()));
                        ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", out);
                    } catch (Exception ex) {
                        ex.printStackTrace();
                    }
                    Platform.exit();
                });
                wait.play();
            });
        }
    }

    /** Phones in every state, a remote farm, two bundles and two earlier runs in the workspace. */
    private static void seed(FakeStudioServices services) throws Exception {
        for (String b : new String[] {"demo-snapfusion-fp32", "demo-sd15-fp32"}) {
            java.nio.file.Path dir = Files.createDirectories(services.workspace().resolve("bundles").resolve(b));
            Files.writeString(dir.resolve("manifest.json"), "{}");
        }
        seedHistory(services.workspace());
        services.details.put("R58M41ABCD", new DeviceDetails("Pixel 8 Pro", "Google", "14", "34", "arm64-v8a,armeabi-v7a",
                12_000_000_000L, "Google Pixel 8 Pro, Android 14 (API 34)"));
        services.emit(new DeviceList(List.of(
                new dev.snapfusion.link.DeviceInfo("127.0.0.1:5037", "R58M41ABCD", "device", "Pixel_8_Pro", "husky", false),
                new dev.snapfusion.link.DeviceInfo("127.0.0.1:5037", "9A261FFAZ", "unauthorized", "", "", false),
                new dev.snapfusion.link.DeviceInfo("10.0.0.5:5038", "RZCW70", "offline", "SM_S911B", "dm1q", false),
                FakeStudioServices.VIRTUAL), List.of()));
    }

    /** Two runs in the history, as if made before a restart, for the History page and Generate's run list. */
    private static void seedHistory(Path workspace) throws Exception {
        RunIndex index = new RunIndex(workspace);
        String[][] runs = {{"snapfusion", "8", "2026-12-07T10:15:00Z"}, {"sd15", "50", "2026-12-07T11:15:00Z"}};
        for (String[] r : runs) {
            Path dir = workspace.resolve("runs/" + r[2].substring(0, 10) + "-demo-" + r[0] + "-fp32");
            if (r[0].equals("sd15")) RunFixtures.sd15Run(dir);
            else RunFixtures.snapFusionRun(dir);
            index.add(RunEntry.builder().id(r[2].substring(0, 10).replace("-", "") + "-" + r[0])
                    .created(OffsetDateTime.parse(r[2])).folder(dir).prompt(RunFixtures.PROMPT)
                    .variant(r[0]).device("Google Pixel 8 Pro").serial("R58M41ABCD").bundle("demo-" + r[0] + "-fp32")
                    .quantization("fp32").steps(Integer.parseInt(r[1])).seed(42).cfg(7.5)
                    .runtime("TFLite 2.21.0 (C++ API, JavaCPP)").totalMs(r[0].equals("sd15") ? 85_210 : 2_160).build());
        }
    }
}
