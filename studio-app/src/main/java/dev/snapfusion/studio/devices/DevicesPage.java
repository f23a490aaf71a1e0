package dev.snapfusion.studio.devices;

import dev.snapfusion.studio.layout.PageHeader;
import dev.snapfusion.studio.layout.PlannedFeatures;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** Phones and the virtual device the studio can run on. Lists nothing until device discovery is wired in. */
public final class DevicesPage extends VBox {
    public DevicesPage() {
        getStyleClass().addAll("page", "devices-page");
        getChildren().addAll(
                new PageHeader("Devices", "Phones on local or remote adb servers, and the virtual device."),
                deviceList(),
                new PlannedFeatures("This page will", List.of(
                        "list devices from every configured adb server (host:port), updating when phones are plugged in",
                        "show model, Android version, ABI and free space on the work directory",
                        "start the virtual device when no phone is attached")));
    }

    private ListView<String> deviceList() {
        ListView<String> list = new ListView<>();
        list.setId("device-list");
        list.setPrefHeight(180);
        Label empty = new Label("No devices yet. Connect a phone with USB debugging on, or use the virtual device.");
        empty.setWrapText(true);
        list.setPlaceholder(empty);
        return list;
    }
}
