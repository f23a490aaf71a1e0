package dev.snapfusion.studio.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** The labels of the workbench's forms, one look on every page (studio.css: field-label, field-hint). */
public final class Fields {
    private Fields() {
    }

    /** A field's name left of (or above) its control; never shortened to an ellipsis. */
    public static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** A field's explanation under it, wrapped at a reading width. */
    public static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-hint");
        l.setWrapText(true);
        l.setMaxWidth(420);
        return l;
    }
}
