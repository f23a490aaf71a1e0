package dev.snapfusion.studio.devices;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/**
 * One row per device being pushed to, under the table: the device, a progress bar with the file being sent and the bytes,
 * then how it ended (green, or the error in red), and a cancel button while it runs. Hidden until the first push.
 */
final class PushList extends VBox {
    private final VBox rows = new VBox();

    PushList(PushModel model) {
        setId("push-list");
        getStyleClass().addAll("card", "push-card");
        Label title = new Label("Pushes");
        title.getStyleClass().add("card-title");
        rows.getStyleClass().add("push-rows");
        getChildren().addAll(title, rows);
        visibleProperty().bind(Bindings.isNotEmpty(model.jobs));
        managedProperty().bind(visibleProperty());
        model.jobs.addListener((ListChangeListener<PushJob>) c -> {
            rows.getChildren().clear();
            model.jobs.forEach(j -> rows.getChildren().add(row(j)));
        });
    }

    private static HBox row(PushJob job) {
        Label name = new Label(DeviceStates.name(job.device));
        name.getStyleClass().add("device-name");
        Label serial = new Label(job.device.virtual() ? "built into the studio" : job.device.serial());
        serial.getStyleClass().add("device-serial");
        HBox who = new HBox(new FontIcon(DeviceStates.kindIcon(job.device)), new VBox(name, serial));
        who.getStyleClass().addAll("device-cell", "push-device");
        who.setAlignment(Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add("push-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(job.progress);
        Label detail = new Label();
        detail.getStyleClass().add("push-detail");
        detail.setWrapText(true);
        detail.textProperty().bind(job.detail);
        VBox progress = new VBox(4, bar, detail);
        HBox.setHgrow(progress, Priority.ALWAYS);

        Button cancel = new Button("", new FontIcon(MaterialDesignC.CLOSE_CIRCLE_OUTLINE));
        cancel.setId("push-cancel-" + DeviceStates.idPart(job.device.serial()));
        cancel.getStyleClass().add("push-cancel");
        cancel.setTooltip(new Tooltip("Cancel the push to " + DeviceStates.name(job.device)
                + " (what was verified stays; the next push goes on from there)"));
        cancel.visibleProperty().bind(job.state.isEqualTo(PushJob.State.RUNNING));
        cancel.setOnAction(e -> job.cancel());

        HBox row = new HBox(who, progress, cancel);
        row.setId("push-" + DeviceStates.idPart(job.device.serial()));
        row.getStyleClass().add("push-row");
        row.setAlignment(Pos.CENTER_LEFT);
        showState(row, detail, job.state.get());
        job.state.addListener((o, old, now) -> showState(row, detail, now));
        return row;
    }

    private static void showState(HBox row, Label detail, PushJob.State state) {
        row.getStyleClass().removeIf(c -> c.startsWith("push-state-"));
        row.getStyleClass().add("push-state-" + state.name().toLowerCase(java.util.Locale.ROOT));
        Ikon icon = switch (state) {
            case RUNNING -> MaterialDesignU.UPLOAD;
            case DONE -> MaterialDesignC.CHECK_CIRCLE;
            case FAILED -> MaterialDesignA.ALERT_CIRCLE;
            case CANCELLED -> MaterialDesignC.CANCEL;
        };
        detail.setGraphic(new FontIcon(icon));
    }
}
