package dev.snapfusion.studio.ui;

import java.net.URL;
import java.util.Objects;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/** What every page shares: a scroll pane fitted to the width, the page's own CSS beside its class, one content column. */
public final class PageFrame {
    private PageFrame() {
    }

    /**
     * Dresses {@code page} as page {@code name}: style classes {@code page-scroll} and {@code <name>-page}, the stylesheet
     * {@code <name>.css} from the page's package, and {@code content} (style class {@code page}) as its content.
     */
    public static void dress(ScrollPane page, VBox content, String name) {
        page.getStyleClass().addAll("page-scroll", name + "-page");
        URL css = Objects.requireNonNull(page.getClass().getResource(name + ".css"), () -> name + ".css beside " + page.getClass());
        page.getStylesheets().add(css.toExternalForm());
        content.getStyleClass().add("page");
        page.setContent(content);
        page.setFitToWidth(true);
    }
}
