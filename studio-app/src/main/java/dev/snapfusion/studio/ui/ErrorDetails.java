package dev.snapfusion.studio.ui;

import dev.snapfusion.studio.log.StudioLog;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;

/** The "Details" button beside an error banner: the last failure's stack trace and where the log file is. */
public final class ErrorDetails {
    private ErrorDetails() {
    }

    public static Button button(String id) {
        Button b = new Button("Details");
        b.setId(id);
        b.getStyleClass().add("flat");
        b.setTooltip(new Tooltip("The stack trace of this failure (also in the log file)"));
        b.setOnAction(e -> show());
        return b;
    }

    static void show() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Failure details");
        a.setHeaderText(StudioLog.file() == null ? "Stack trace" : "Stack trace (the log: " + StudioLog.file() + ")");
        TextArea text = new TextArea(StudioLog.lastStackTrace().isEmpty() ? "No failure recorded." : StudioLog.lastStackTrace());
        text.setId("error-details-text");
        text.setEditable(false);
        text.setWrapText(false);
        text.setPrefSize(820, 360);
        a.getDialogPane().setContent(text);
        a.setResizable(true);
        a.show();
    }
}
