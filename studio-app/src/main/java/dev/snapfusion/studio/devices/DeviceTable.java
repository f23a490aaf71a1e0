package dev.snapfusion.studio.devices;

import dev.snapfusion.link.DeviceInfo;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * The device list: one row per (server, serial), the virtual device last, with a start button on its row. Several rows
 * can be selected (Ctrl+click, Shift+click) to push to them at once; the selection survives hot-plug updates.
 */
final class DeviceTable extends TableView<DeviceInfo> {
    /** True while the rows are replaced, so the selection model's own churn is not taken for the user's. */
    private boolean restoring;

    DeviceTable(DevicesModel model) {
        setId("device-table");
        getStyleClass().add("device-table");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Label empty = new Label("No devices yet. Connect a phone with USB debugging on, or start the virtual device.");
        empty.setWrapText(true);
        setPlaceholder(empty);
        getColumns().add(deviceColumn());
        getColumns().add(stateColumn());
        getColumns().add(textColumn("adb server", 130, d -> d.virtual() ? "built in" : d.server()));
        getColumns().add(actionColumn(model));
        getItems().setAll(model.devices);
        model.devices.addListener((ListChangeListener<DeviceInfo>) c -> showDevices(model));
        getSelectionModel().getSelectedItems().addListener((ListChangeListener<DeviceInfo>) c -> {
            if (!restoring) model.chosen.setAll(getSelectionModel().getSelectedItems());
        });
        getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && !restoring) model.selected.set(now);
        });
        model.selected.addListener((obs, old, now) -> {
            if (now != null && !restoring && !getSelectionModel().getSelectedItems().contains(now)) {
                getSelectionModel().select(now);
            }
        });
    }

    /** New rows from the watch: the same devices (by server and serial) stay selected. */
    private void showDevices(DevicesModel model) {
        restoring = true;
        List<DeviceInfo> keep = List.copyOf(getSelectionModel().getSelectedItems());
        getItems().setAll(model.devices);
        getSelectionModel().clearSelection();
        for (DeviceInfo d : getItems()) {
            if (keep.stream().anyMatch(k -> DeviceStates.sameDevice(k, d))) getSelectionModel().select(d);
        }
        restoring = false;
        model.chosen.setAll(getSelectionModel().getSelectedItems());
    }

    private static TableColumn<DeviceInfo, DeviceInfo> deviceColumn() {
        TableColumn<DeviceInfo, DeviceInfo> c = new TableColumn<>("Device");
        c.setPrefWidth(210);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        // Name over serial: people know phones by model, adb by serial.
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(DeviceInfo d, boolean empty) {
                super.updateItem(d, empty);
                if (empty || d == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(DeviceStates.name(d));
                name.getStyleClass().add("device-name");
                Label serial = new Label(d.virtual() ? "built into the studio" : d.serial());
                serial.getStyleClass().add("device-serial");
                HBox box = new HBox(new FontIcon(DeviceStates.kindIcon(d)), new VBox(name, serial));
                box.getStyleClass().add("device-cell");
                box.setAlignment(Pos.CENTER_LEFT);
                setGraphic(box);
            }
        });
        return c;
    }

    private static TableColumn<DeviceInfo, DeviceInfo> stateColumn() {
        TableColumn<DeviceInfo, DeviceInfo> c = new TableColumn<>("State");
        c.setPrefWidth(320);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(DeviceInfo d, boolean empty) {
                super.updateItem(d, empty);
                getStyleClass().removeIf(s -> s.startsWith("state-"));
                if (empty || d == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                Label title = new Label(DeviceStates.title(d));
                title.getStyleClass().add("state-title");
                VBox text = new VBox(title);
                String hint = DeviceStates.hint(d);
                if (!hint.isEmpty()) {
                    Label h = new Label(hint);
                    h.getStyleClass().add("state-hint");
                    text.getChildren().add(h);
                }
                HBox box = new HBox(new FontIcon(DeviceStates.icon(d)), text);
                box.getStyleClass().add("device-cell");
                box.setAlignment(Pos.CENTER_LEFT);
                setGraphic(box);
                setTooltip(new Tooltip(DeviceStates.label(d)));
                getStyleClass().add(DeviceStates.styleClass(d));
            }
        });
        return c;
    }

    private static TableColumn<DeviceInfo, String> textColumn(String title, double width,
                                                              java.util.function.Function<DeviceInfo, String> value) {
        TableColumn<DeviceInfo, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }

    /** The virtual device's row carries its start button, so starting it happens where it is listed. */
    private static TableColumn<DeviceInfo, DeviceInfo> actionColumn(DevicesModel model) {
        TableColumn<DeviceInfo, DeviceInfo> c = new TableColumn<>("");
        c.setPrefWidth(90);
        c.setMinWidth(90);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Button start = startButton(model, model.busy);

            @Override
            protected void updateItem(DeviceInfo d, boolean empty) {
                super.updateItem(d, empty);
                setGraphic(!empty && d != null && d.virtual() && !d.online() ? start : null);
            }
        });
        return c;
    }

    private static Button startButton(DevicesModel model, ObservableBooleanValue busy) {
        Button b = new Button("Start", new FontIcon(MaterialDesignP.PLAY));
        b.setId("start-virtual");
        b.getStyleClass().add("row-button");
        b.disableProperty().bind(busy);
        b.setOnAction(e -> model.startVirtualDevice());
        return b;
    }
}
