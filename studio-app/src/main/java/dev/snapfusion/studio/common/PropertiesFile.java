package dev.snapfusion.studio.common;

import dev.snapfusion.studio.log.StudioLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * A small settings file under {@code <workspace>/settings/}: read forgivingly (missing or unreadable means empty, and
 * the reason is logged) and written through a temporary file and a rename, so a crash leaves the old file or the new
 * one, never half of one.
 */
public final class PropertiesFile {
    private final Path file;

    public PropertiesFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** What the file holds; empty when it is missing or unreadable. */
    public Properties load() {
        Properties p = new Properties();
        if (!Files.isRegularFile(file)) return p;
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            StudioLog.logger(PropertiesFile.class).warning("ignoring unreadable " + file + ": " + e.getMessage());
            p.clear();
        }
        return p;
    }

    /** Writes {@code p} whole; a failure is logged, not thrown (these files are conveniences). */
    public void save(Properties p, String comment) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    p.store(out, comment);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            StudioLog.logger(PropertiesFile.class).warning("cannot save " + file + ": " + e.getMessage());
        }
    }
}
