package dev.snapfusion.studio.ui;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/**
 * A full-width message strip that shows itself only while its text is not empty. An error strip has a Details button:
 * the stack trace of the failure (StudioLog keeps it and writes it to the log file).
 */
public final class Banner extends Label {
    /** Errors are red and block the action; warnings are amber and only inform. */
    public enum Kind { ERROR, WARNING }

    public Banner(String id, Kind kind, ObservableStringValue text) {
        super("", kind == Kind.ERROR
                ? new javafx.scene.layout.HBox(6, new FontIcon(MaterialDesignA.ALERT_CIRCLE), ErrorDetails.button(id + "-details"))
                : new FontIcon(MaterialDesignA.ALERT));
        setId(id);
        getStyleClass().add(kind == Kind.ERROR ? "error-banner" : "warning-banner");
        setWrapText(true);
        setMaxWidth(Double.MAX_VALUE);
        textProperty().bind(text);
        visibleProperty().bind(textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }
}
