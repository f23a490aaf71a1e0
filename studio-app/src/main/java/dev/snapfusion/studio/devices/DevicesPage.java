package dev.snapfusion.studio.devices;

import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.Banner;
import dev.snapfusion.studio.ui.PageHeader;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * Phones on every adb server and the virtual device, updated live as phones are plugged in, with the
 * facts of the selected one. The constructor lists the sections; each is built by its own method.
 */
public final class DevicesPage extends VBox {
    private final DevicesModel model;

    public DevicesPage(StudioServices services, EventBus bus) {
        model = new DevicesModel(services, bus);
        getStyleClass().addAll("page", "devices-page");
        getStylesheets().add(Objects.requireNonNull(DevicesPage.class.getResource("devices.css")).toExternalForm());
        getChildren().addAll(
                new PageHeader("Devices", "Phones on local and remote adb servers, and the virtual device that runs "
                        + "on this computer's CPU. The list follows phones as they are plugged in and out."),
                serverSection(),
                errorSection(),
                warningSection(),
                listSection());
        model.startWatching();
    }

    private HBox serverSection() {
        TextField address = new TextField();
        address.setId("remote-server");
        address.setPromptText("host:port of another adb server, e.g. 127.0.0.1:5038");
        address.setPrefColumnCount(28);
        Button add = new Button("Add adb server", new FontIcon(MaterialDesignS.SERVER_PLUS));
        add.setId("add-server");
        add.disableProperty().bind(model.busy);
        add.setOnAction(e -> model.addRemoteServer(address.getText()));
        address.setOnAction(e -> add.fire());

        Label status = new Label();
        status.setId("devices-status");
        status.getStyleClass().add("status");
        status.textProperty().bind(model.status);
        HBox box = new HBox(address, add, status);
        box.getStyleClass().add("actions");
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Banner errorSection() {
        return new Banner("devices-error", Banner.Kind.ERROR, model.error);
    }

    private Banner warningSection() {
        return new Banner("devices-warnings", Banner.Kind.WARNING, model.warnings);
    }

    private HBox listSection() {
        DeviceTable table = new DeviceTable(model);
        HBox.setHgrow(table, Priority.ALWAYS);
        DeviceFactsCard facts = new DeviceFactsCard(model);
        HBox box = new HBox(table, facts);
        box.getStyleClass().add("devices-row");
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }
}
