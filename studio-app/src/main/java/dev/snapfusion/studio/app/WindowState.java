package dev.snapfusion.studio.app;

import dev.snapfusion.studio.event.PageId;
import dev.snapfusion.studio.log.StudioLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Window size and place, maximised or not, and the last page, kept across restarts in
 * {@code <workspace>/settings/workbench.properties}. A saved place that no screen shows any more is ignored.
 */
final class WindowState {
    static final String FILE = "settings/workbench.properties";

    private final Path file;
    private final Properties p = new Properties();

    WindowState(Path workspace) {
        file = workspace.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                StudioLog.logger(WindowState.class).warning("ignoring unreadable " + file + ": " + e.getMessage());
                p.clear();
            }
        }
    }

    /** The last page, or {@code fallback}. */
    PageId page(PageId fallback) {
        try {
            return PageId.valueOf(p.getProperty("page", fallback.name()));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    void restore(Stage stage) {
        double x = number("x"), y = number("y"), w = number("width"), h = number("height");
        if (w >= 400 && h >= 300 && Double.isFinite(x) && Double.isFinite(y)
                && !Screen.getScreensForRectangle(new Rectangle2D(x, y, w, h)).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
            stage.setWidth(w);
            stage.setHeight(h);
        }
        stage.setMaximized(Boolean.parseBoolean(p.getProperty("maximized", "false")));
    }

    void save(Stage stage, PageId page) {
        if (!stage.isMaximized()) {
            p.setProperty("x", Double.toString(stage.getX()));
            p.setProperty("y", Double.toString(stage.getY()));
            p.setProperty("width", Double.toString(stage.getWidth()));
            p.setProperty("height", Double.toString(stage.getHeight()));
        }
        p.setProperty("maximized", Boolean.toString(stage.isMaximized()));
        if (page != null) p.setProperty("page", page.name());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".workbench", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "SnapFusion Studio workbench state");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            StudioLog.logger(WindowState.class).warning("cannot save " + file + ": " + e.getMessage());
        }
    }

    private double number(String key) {
        try {
            return Double.parseDouble(p.getProperty(key, "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
