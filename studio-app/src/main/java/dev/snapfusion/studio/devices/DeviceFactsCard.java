package dev.snapfusion.studio.devices;

import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.studio.common.Sizes;
import dev.snapfusion.studio.services.DeviceDetails;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/** Facts of the selected device: model, manufacturer, Android version, ABI, RAM; warns on an ABI the runner lacks. */
final class DeviceFactsCard extends VBox {
    private final Label title = new Label("No device selected");
    private final Label where = new Label();
    private final Label status = new Label();
    private final GridPane grid = new GridPane();
    private final Label model = value("fact-model");
    private final Label manufacturer = value("fact-manufacturer");
    private final Label android = value("fact-android");
    private final Label abi = value("fact-abi");
    private final Label ram = value("fact-ram");
    private final Label abiWarning = new Label("", new FontIcon(MaterialDesignA.ALERT));

    DeviceFactsCard(DevicesModel m) {
        setId("device-facts");
        getStyleClass().addAll("card", "facts-card");
        title.getStyleClass().add("card-title");
        status.setId("facts-status");
        status.getStyleClass().add("status");
        status.setWrapText(true);
        status.textProperty().bind(m.detailsStatus);
        abiWarning.setId("abi-warning");
        abiWarning.getStyleClass().add("warning-banner");
        abiWarning.setWrapText(true);
        grid.setId("facts-grid");
        grid.getStyleClass().add("facts-grid");
        row(0, "Model", model);
        row(1, "Manufacturer", manufacturer);
        row(2, "Android", android);
        row(3, "ABI", abi);
        row(4, "RAM", ram);
        where.setId("facts-where");
        where.getStyleClass().add("device-serial");
        getChildren().addAll(title, where, grid, abiWarning, status);
        m.selected.addListener((obs, old, d) -> {
            title.setText(d == null ? "No device selected" : DeviceStates.name(d));
            where.setText(d == null ? "" : d.virtual() ? "built into the studio" : d.serial() + " on adb server " + d.server());
        });
        m.details.addListener((obs, old, d) -> show(d, m.selected.get()));
        show(null, null);
    }

    private void show(DeviceDetails d, DeviceInfo info) {
        grid.setVisible(d != null);
        grid.setManaged(d != null);
        boolean unsupported = d != null && info != null && !d.runnerSupported(info.virtual());
        abiWarning.setVisible(unsupported);
        abiWarning.setManaged(unsupported);
        if (d == null) return;
        model.setText(d.model());
        manufacturer.setText(d.manufacturer());
        android.setText(d.androidRelease() + " (API " + d.sdk() + ")");
        abi.setText(d.abiList().replace(",", ", "));
        ram.setText(d.ramBytes() < 0 ? "unknown" : Sizes.bytes(d.ramBytes()));
        abiWarning.setText("The runner needs arm64-v8a; this device offers " + d.abiList() + ", so it cannot run "
                + "bundles.");
    }

    private void row(int i, String name, Label value) {
        Label n = new Label(name);
        n.getStyleClass().add("fact-name");
        grid.addRow(i, n, value);
    }

    private static Label value(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("fact-value");
        l.setWrapText(true);
        return l;
    }
}
