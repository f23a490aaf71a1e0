package dev.snapfusion.studio.ui;

import java.io.File;
import java.nio.file.Files;
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
 * {@code java -cp ... dev.snapfusion.studio.ui.FakeStudioLauncher [--run] [--page=devices] [--phase-ms=700] [--snapshot=out.png]}; {@code --run} starts
 * the demo at once, {@code --snapshot} writes the window to a PNG 8 s later and exits (works under headless Monocle).
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
            Scene scene = StudioApp.createScene(new FakeStudioServices(Files.createTempDirectory("studio-fake"), phaseMs));
            stage.setTitle(StudioApp.TITLE);
            stage.setScene(scene);
            stage.show();
            if (args.contains("--run")) ((Button) scene.lookup("#run-demo")).fire();
            args.stream().filter(a -> a.startsWith("--page=")).findFirst().ifPresent(a ->
                    ((javafx.scene.control.ButtonBase) scene.lookup("#nav-" + a.substring("--page=".length()))).fire());
            args.stream().filter(a -> a.startsWith("--snapshot=")).findFirst().ifPresent(a -> {
                PauseTransition wait = new PauseTransition(Duration.seconds(8));
                wait.setOnFinished(e -> {
                    if (args.contains("--scroll-end")) ((ScrollPane) scene.lookup(".compare-page")).setVvalue(1);
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
}
