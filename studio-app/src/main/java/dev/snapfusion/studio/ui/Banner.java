package dev.snapfusion.studio.ui;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/** A full-width message strip that shows itself only while its text is not empty. */
public final class Banner extends Label {
    /** Errors are red and block the action; warnings are amber and only inform. */
    public enum Kind { ERROR, WARNING }

    public Banner(String id, Kind kind, ObservableStringValue text) {
        super("", new FontIcon(kind == Kind.ERROR ? MaterialDesignA.ALERT_CIRCLE : MaterialDesignA.ALERT));
        setId(id);
        getStyleClass().add(kind == Kind.ERROR ? "error-banner" : "warning-banner");
        setWrapText(true);
        setMaxWidth(Double.MAX_VALUE);
        textProperty().bind(text);
        visibleProperty().bind(textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }
}
