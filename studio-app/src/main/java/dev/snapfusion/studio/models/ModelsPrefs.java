package dev.snapfusion.studio.models;

import dev.snapfusion.studio.log.StudioLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What the Models page keeps across restarts: the last selected bundle's folder name, in
 * {@code <workspace>/settings/models.properties}. An unreadable file is ignored; a failed save is logged.
 */
final class ModelsPrefs {
    static final String FILE = "settings/models.properties";
    private static final String SELECTED = "selected";

    private final Path file;

    ModelsPrefs(Path workspace) {
        file = workspace.resolve(FILE);
    }

    Optional<String> selected() {
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            StudioLog.logger(ModelsPrefs.class).warning("ignoring unreadable " + file + ": " + e.getMessage());
            return Optional.empty();
        }
        return Optional.ofNullable(p.getProperty(SELECTED)).filter(s -> !s.isBlank());
    }

    /** Written to a temporary file and renamed, so a crash leaves the old file or the new one. */
    void saveSelected(String folderName) {
        Properties p = new Properties();
        p.setProperty(SELECTED, folderName);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".models", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "SnapFusion Studio: Models page");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            StudioLog.logger(ModelsPrefs.class).warning("cannot save " + file + ": " + e.getMessage());
        }
    }
}
