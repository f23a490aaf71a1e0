package dev.snapfusion.studio.models;

import dev.snapfusion.studio.common.PropertiesFile;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What the Models page keeps across restarts: the last selected bundle's folder name, in
 * {@code <workspace>/settings/models.properties}. An unreadable file is ignored; a failed save is logged.
 */
final class ModelsPrefs {
    static final String FILE = "settings/models.properties";
    private static final String SELECTED = "selected";

    private final PropertiesFile file;

    ModelsPrefs(Path workspace) {
        file = new PropertiesFile(workspace.resolve(FILE));
    }

    Optional<String> selected() {
        return Optional.ofNullable(file.load().getProperty(SELECTED)).filter(s -> !s.isBlank());
    }

    /** Written to a temporary file and renamed, so a crash leaves the old file or the new one. */
    void saveSelected(String folderName) {
        Properties p = new Properties();
        p.setProperty(SELECTED, folderName);
        file.save(p, "SnapFusion Studio: Models page");
    }
}
