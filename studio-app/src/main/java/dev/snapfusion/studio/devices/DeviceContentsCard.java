package dev.snapfusion.studio.devices;

import dev.snapfusion.studio.common.Sizes;
import dev.snapfusion.link.DeviceStorage;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * What the selected device holds in the studio's work dir: bundles and runs with their sizes, and Delete… (asks first,
 * naming each item and its size).
 */
final class DeviceContentsCard extends VBox {
    static final ButtonType DELETE = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);

    private final ContentsModel model;
    private final ListView<DeviceStorage.Item> list = new ListView<>();

    DeviceContentsCard(ContentsModel model) {
        this.model = model;
        setId("device-contents");
        getStyleClass().addAll("card", "contents-card");
        getChildren().addAll(titleRow(), listSection(), statusLine(), errorLine(), actions());
    }

    private HBox titleRow() {
        Label title = new Label("On this device");
        title.getStyleClass().add("card-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button("", new FontIcon(MaterialDesignR.REFRESH));
        refresh.setId("contents-refresh");
        refresh.getStyleClass().add("icon-button");
        refresh.setTooltip(new Tooltip("Read the device's bundles and runs again"));
        refresh.disableProperty().bind(model.busy.or(model.device.isNull()));
        refresh.setOnAction(e -> model.refresh());
        HBox row = new HBox(title, spacer, refresh);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private ListView<DeviceStorage.Item> listSection() {
        list.setId("contents-list");
        list.getStyleClass().add("contents-list");
        list.setItems(model.items);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setPrefHeight(130);
        Label empty = new Label("Nothing to show");
        empty.getStyleClass().add("status");
        list.setPlaceholder(empty);
        list.setCellFactory(v -> new ListCell<>() {
            {
                setPrefWidth(0);   // fit the list's width: long ids wrap instead of scrolling sideways
            }

            @Override
            protected void updateItem(DeviceStorage.Item i, boolean isEmpty) {
                super.updateItem(i, isEmpty);
                if (isEmpty || i == null) {
                    setGraphic(null);
                    setText(null);
                    setTooltip(null);
                    return;
                }
                Label id = new Label(model.title(i));
                id.getStyleClass().add("item-id");
                String state = i.kind() == DeviceStorage.Kind.RUN ? "run" : i.complete() ? "verified"
                        : "incomplete: push it again or delete it";
                Label detail = new Label(Sizes.bytes(i.bytes()) + " · " + state);
                detail.getStyleClass().add(i.complete() ? "item-detail" : "item-incomplete");
                detail.setWrapText(true);
                setTooltip(new Tooltip(ContentsModel.kindWord(i) + " " + i.id() + " at " + i.devicePath()));
                FontIcon icon = new FontIcon(i.kind() == DeviceStorage.Kind.BUNDLE ? MaterialDesignP.PACKAGE_VARIANT_CLOSED
                        : MaterialDesignI.IMAGE_OUTLINE);
                HBox box = new HBox(8, icon, new VBox(id, detail));
                box.setAlignment(Pos.CENTER_LEFT);
                setText(null);
                setGraphic(box);
            }
        });
        return list;
    }

    private Label statusLine() {
        Label status = new Label();
        status.setId("contents-status");
        status.getStyleClass().add("status");
        status.setWrapText(true);
        status.textProperty().bind(model.status);
        return status;
    }

    private Label errorLine() {
        Label error = new Label();
        error.setId("contents-error");
        error.getStyleClass().add("contents-error");
        error.setWrapText(true);
        error.textProperty().bind(model.error);
        error.visibleProperty().bind(model.error.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    private HBox actions() {
        Button delete = new Button("Delete…", new FontIcon(MaterialDesignD.DELETE_OUTLINE));
        delete.setId("contents-delete");
        delete.setTooltip(new Tooltip("Delete the selected bundles and runs from the device (asks first)"));
        delete.disableProperty().bind(model.busy.or(Bindings.isEmpty(list.getSelectionModel().getSelectedItems())));
        delete.setOnAction(e -> confirmDelete(List.copyOf(list.getSelectionModel().getSelectedItems())));
        HBox box = new HBox(delete);
        box.getStyleClass().add("actions");
        return box;
    }

    private void confirmDelete(List<DeviceStorage.Item> doomed) {
        if (doomed.isEmpty() || model.device.get() == null) return;
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, model.describeDeletion(doomed), DELETE, ButtonType.CANCEL);
        ask.setTitle("Delete from the device");
        ask.setHeaderText("Delete " + ContentsModel.names(doomed, model::label) + " from " + DeviceStates.name(model.device.get()) + "?");
        ask.getDialogPane().lookupButton(DELETE).setId("confirm-delete");
        ask.initOwner(getScene().getWindow());
        ask.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());   // the dark theme too
        if (ask.showAndWait().filter(b -> b == DELETE).isPresent()) model.delete(doomed);
    }
}
