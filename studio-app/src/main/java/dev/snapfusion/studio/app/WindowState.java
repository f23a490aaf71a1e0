package dev.snapfusion.studio.app;

import dev.snapfusion.studio.common.PropertiesFile;
import dev.snapfusion.studio.event.PageId;
import java.nio.file.Path;
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

    private final PropertiesFile file;
    private final Properties p;

    WindowState(Path workspace) {
        file = new PropertiesFile(workspace.resolve(FILE));
        p = file.load();
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
        file.save(p, "SnapFusion Studio workbench state");
    }

    private double number(String key) {
        try {
            return Double.parseDouble(p.getProperty(key, "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
