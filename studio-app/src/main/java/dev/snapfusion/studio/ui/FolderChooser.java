package dev.snapfusion.studio.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Asks for a folder. The system's {@link DirectoryChooser} by default; a scene may carry another one, so a
 * headless test can answer the dialog it cannot click. Called on the FX thread.
 *
 * <pre>{@code
 * FolderChooser.install(scene, (owner, title, initial) -> Optional.of(exportDir));   // in a test
 * FolderChooser.of(getScene()).choose(getScene().getWindow(), "Export to", reports).ifPresent(model::export);
 * }</pre>
 */
@FunctionalInterface
public interface FolderChooser {
    /** @param initial the folder to start in; ignored when null or missing */
    Optional<Path> choose(Window owner, String title, Path initial);

    /** The chooser installed on {@code scene}, else the system dialog. */
    static FolderChooser of(Scene scene) {
        Object installed = scene == null ? null : scene.getProperties().get(FolderChooser.class);
        return installed instanceof FolderChooser c ? c : FolderChooser::system;
    }

    /** Makes the pages of {@code scene} ask {@code chooser} instead of the system dialog. */
    static void install(Scene scene, FolderChooser chooser) {
        scene.getProperties().put(FolderChooser.class, chooser);
    }

    private static Optional<Path> system(Window owner, String title, Path initial) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (initial != null && Files.isDirectory(initial)) chooser.setInitialDirectory(initial.toFile());
        File dir = chooser.showDialog(owner);
        return Optional.ofNullable(dir).map(File::toPath);
    }
}
