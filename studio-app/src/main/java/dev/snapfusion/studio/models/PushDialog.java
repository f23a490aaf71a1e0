package dev.snapfusion.studio.models;

import dev.snapfusion.studio.common.Sizes;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.studio.bundles.BundleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * "Push to…": the devices a bundle can go to, each with a checkbox (all ticked), then one progress bar and one outcome
 * line per device while {@link PushJob} pushes to all of them at once. The dialog stays open until closed; closing it
 * cancels the pushes still running.
 */
final class PushDialog extends Dialog<Void> {
    static final ButtonType PUSH = new ButtonType("Push", ButtonBar.ButtonData.OK_DONE);

    private final Map<DeviceInfo, DeviceRow> rows = new LinkedHashMap<>();
    private final Label summary = new Label();

    PushDialog(BundleEntry bundle, List<DeviceInfo> devices, PushJob job) {
        setTitle("Push bundle");
        setHeaderText("Push " + bundle.name() + " (" + Sizes.bytes(bundle.bytesOnDisk()) + ") to the ticked devices. "
                + "Files already there and verified are skipped.");
        getDialogPane().setId("models-push-dialog");
        getDialogPane().getButtonTypes().addAll(PUSH, ButtonType.CLOSE);
        getDialogPane().setContent(content(devices));
        Button push = (Button) getDialogPane().lookupButton(PUSH);
        push.setId("models-push-start");
        push.setDisable(devices.isEmpty());
        // Pushing keeps the dialog open so each device's progress and outcome stay in view.
        push.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            start(job, push);
        });
        // Closing the dialog mid-push stops the pushes rather than leaving them running unseen.
        setOnHidden(e -> job.cancel());
    }

    private VBox content(List<DeviceInfo> devices) {
        GridPane grid = new GridPane();
        grid.getStyleClass().addAll("form-grid", "push-grid");
        int r = 0;
        for (DeviceInfo d : devices) {
            DeviceRow row = new DeviceRow(d);
            rows.put(d, row);
            grid.addRow(r++, row.check, row.bar, row.status);
        }
        summary.setId("models-push-summary");
        summary.getStyleClass().add("status");
        summary.setWrapText(true);
        if (devices.isEmpty()) {
            summary.setText("No device is online. Attach a phone (and accept the RSA prompt), or use the Devices page.");
        }
        VBox box = new VBox(10, grid, summary);
        box.setPrefWidth(780);
        return box;
    }

    private void start(PushJob job, Button push) {
        List<DeviceInfo> chosen = new ArrayList<>();
        rows.forEach((d, row) -> {
            row.check.setDisable(true);
            if (row.check.isSelected()) chosen.add(d);
        });
        if (chosen.isEmpty()) {
            summary.setText("Tick at least one device.");
            rows.values().forEach(row -> row.check.setDisable(false));
            return;
        }
        push.setDisable(true);
        summary.setText("Pushing to " + chosen.size() + (chosen.size() == 1 ? " device…" : " devices at once…"));
        int[] failed = {0};
        job.start(chosen, new PushJob.Listener() {
            @Override
            public void progress(DeviceInfo device, double fraction, String text) {
                DeviceRow row = rows.get(device);
                row.bar.setProgress(fraction < 0 ? ProgressBar.INDETERMINATE_PROGRESS : fraction);
                row.status.setText(text);
            }

            @Override
            public void done(DeviceInfo device, boolean ok, String text) {
                DeviceRow row = rows.get(device);
                row.bar.setProgress(ok ? 1 : 0);
                row.status.setText(text);
                row.status.getStyleClass().add(ok ? "push-ok" : "push-failed");
                if (!ok) failed[0]++;
            }
        }, () -> summary.setText(failed[0] == 0 ? "Pushed to every ticked device."
                : failed[0] + " of " + chosen.size() + " pushes failed; push again to retry (finished files are skipped)."));
    }

    /** One device: tick box, progress bar and what happened. */
    private static final class DeviceRow {
        final CheckBox check;
        final ProgressBar bar = new ProgressBar(0);
        final Label status = new Label("");

        DeviceRow(DeviceInfo d) {
            check = new CheckBox(describe(d));
            check.setSelected(true);
            String key = d.serial().replaceAll("[^A-Za-z0-9_-]+", "-");
            check.setId("models-push-check-" + key);
            bar.setId("models-push-progress-" + key);
            bar.setPrefWidth(180);
            status.setId("models-push-status-" + key);
            status.setWrapText(true);
            status.setPrefWidth(380);
            status.setMinHeight(Region.USE_PREF_SIZE);
            status.setAlignment(Pos.CENTER_LEFT);
        }

        private static String describe(DeviceInfo d) {
            if (d.virtual()) return "Virtual device (host CPU)" + (d.online() ? "" : ", starts on push");
            String model = d.model() == null || d.model().isBlank() ? d.serial() : d.model().replace('_', ' ');
            return model + " · " + d.serial() + (d.server() == null ? "" : " · " + d.server());
        }
    }
}
