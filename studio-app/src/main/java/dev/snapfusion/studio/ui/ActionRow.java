package dev.snapfusion.studio.ui;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A page's row of actions: its buttons, then a progress bar that shows while the page's job runs and a status line
 * that takes the rest of the width. Ids are {@code <prefix>-progress} and {@code <prefix>-status}.
 */
public final class ActionRow extends HBox {
    public ActionRow(String idPrefix, ObservableValue<? extends Number> progress, ObservableValue<Boolean> busy,
                     ObservableValue<String> status, Node... buttons) {
        ProgressBar bar = new ProgressBar(0);
        bar.setId(idPrefix + "-progress");
        bar.setPrefWidth(240);
        bar.progressProperty().bind(progress);
        bar.visibleProperty().bind(busy);
        bar.managedProperty().bind(bar.visibleProperty());
        Label text = new Label();
        text.setId(idPrefix + "-status");
        text.getStyleClass().add("status");
        text.setWrapText(true);
        text.textProperty().bind(status);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().addAll(buttons);
        getChildren().addAll(bar, text);
        getStyleClass().add("actions");
        setAlignment(Pos.CENTER_LEFT);
    }
}
