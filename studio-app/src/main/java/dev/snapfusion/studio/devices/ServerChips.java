package dev.snapfusion.studio.devices;

import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The remote adb servers as chips, each with its remove button; they are kept in the settings across restarts. */
final class ServerChips extends FlowPane {
    ServerChips(DevicesModel model, ObservableBooleanValue disabled) {
        setId("server-chips");
        getStyleClass().add("server-chips");
        model.servers.addListener((ListChangeListener<String>) c -> show(model, disabled));
        show(model, disabled);
    }

    private void show(DevicesModel model, ObservableBooleanValue disabled) {
        getChildren().clear();
        for (String hostPort : model.servers) {
            Label name = new Label(hostPort, new FontIcon(MaterialDesignS.SERVER_NETWORK));
            name.getStyleClass().add("server-chip-name");
            Button remove = new Button("", new FontIcon(MaterialDesignC.CLOSE));
            remove.setId("remove-server-" + DeviceStates.idPart(hostPort));
            remove.getStyleClass().add("chip-remove");
            remove.setTooltip(new Tooltip("Stop listing the devices of adb server " + hostPort));
            remove.disableProperty().bind(disabled);
            remove.setOnAction(e -> model.removeRemoteServer(hostPort));
            HBox chip = new HBox(4, name, remove);
            chip.getStyleClass().add("server-chip");
            chip.setAlignment(Pos.CENTER_LEFT);
            getChildren().add(chip);
        }
    }
}
