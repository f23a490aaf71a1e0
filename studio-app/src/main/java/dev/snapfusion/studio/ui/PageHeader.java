package dev.snapfusion.studio.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Title and one-line purpose at the top of every page, so all pages start the same way. */
public final class PageHeader extends VBox {
    public PageHeader(String title, String purpose) {
        Label t = new Label(title);
        t.getStyleClass().add("page-title");
        Label p = new Label(purpose);
        p.getStyleClass().add("page-purpose");
        p.setWrapText(true);
        getChildren().addAll(t, p);
        getStyleClass().add("page-header");
    }
}
