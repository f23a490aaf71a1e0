package dev.snapfusion.studio.config;

import dev.snapfusion.studio.common.PropertiesFile;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What one page keeps across restarts (its last choices), in {@code <workspace>/settings/<page>.properties}. Reading and
 * writing touch the disk: call them off the FX thread. A missing or unreadable file remembers nothing; a failed save
 * is logged, never thrown (these are conveniences, not data).
 */
public final class PageMemory {
    private final PropertiesFile file;
    private final String page;

    public PageMemory(Path workspace, String page) {
        if (!page.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("page name '" + page + "'");
        this.page = page;
        this.file = new PropertiesFile(workspace.resolve("settings").resolve(page + ".properties"));
    }

    public Path file() {
        return file.path();
    }

    /** The remembered value, if any and not blank. */
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(file.load().getProperty(key)).filter(s -> !s.isBlank());
    }

    /** Remembers {@code value} under {@code key}, keeping the page's other keys; written atomically. */
    public synchronized void put(String key, String value) {
        Properties p = file.load();
        if (value.equals(p.getProperty(key))) return;
        p.setProperty(key, value);
        file.save(p, "SnapFusion Studio: the " + page + " page's last choices");
    }
}
