package dev.snapfusion.studio.devices;

import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.studio.config.RemoteServers;
import dev.snapfusion.studio.event.DevicesChangedEvent;
import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.services.DeviceDetails;
import dev.snapfusion.studio.services.DeviceList;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.services.Workers;
import dev.snapfusion.studio.ui.Messages;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Devices page: the live device list, the selected device and its facts. Properties are
 * touched on the FX thread only; service calls run on one background thread and hand results back.
 */
final class DevicesModel {
    private final StudioServices services;
    private final EventBus bus;
    private final ExecutorService worker = Workers.single("devices-worker");
    private AutoCloseable watch;

    final ObservableList<DeviceInfo> devices = FXCollections.observableArrayList();
    final StringProperty warnings = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    final StringProperty status = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty(false);
    /** The device whose facts and contents are shown: the row selected last. */
    final ObjectProperty<DeviceInfo> selected = new SimpleObjectProperty<>();
    /** Every selected row: where Push goes. */
    final ObservableList<DeviceInfo> chosen = FXCollections.observableArrayList();
    /** The remote adb servers listed besides the local one (kept in the settings). */
    final ObservableList<String> servers = FXCollections.observableArrayList();
    final ObjectProperty<DeviceDetails> details = new SimpleObjectProperty<>();
    final StringProperty detailsStatus = new SimpleStringProperty("Select a device to see its model, Android version, "
            + "ABI and RAM.");
    private DeviceInfo detailsFor;

    DevicesModel(StudioServices services, EventBus bus) {
        this.services = services;
        this.bus = bus;
        servers.setAll(services.settings().remoteServers());
        selected.addListener((obs, old, now) -> loadDetails(now));
    }

    /** Follows hot-plug: the services call back on their own thread, the list changes on the FX thread. */
    void startWatching() {
        status.set("Looking for devices…");
        background(() -> {
            AutoCloseable w = services.watchDevices(list -> Platform.runLater(() -> apply(list)));
            Platform.runLater(() -> watch = w);
            return null;
        }, ignored -> status.set(""), "Cannot list devices");
    }

    void startVirtualDevice() {
        status.set("Starting the virtual device…");
        busy.set(true);
        background(() -> {
            services.startVirtualDevice();
            return services.devices();
        }, list -> {
            busy.set(false);
            status.set("The virtual device is running.");
            apply(list);
        }, "Cannot start the virtual device");
    }

    void addRemoteServer(String text) {
        String hostPort;
        try {
            hostPort = RemoteServers.check(text);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        relink("Adding adb server " + hostPort + "…", () -> services.addRemoteServer(hostPort),
                "Listing devices of " + hostPort + " too; the studio lists them again at its next start.",
                "Cannot add adb server " + hostPort);
    }

    void removeRemoteServer(String hostPort) {
        relink("Removing adb server " + hostPort + "…", () -> services.removeRemoteServer(hostPort),
                "No longer listing devices of " + hostPort + ".", "Cannot remove adb server " + hostPort);
    }

    /** The Settings page reopened the link (another adb, other servers): the old watch is dead, so watch again. */
    void settingsApplied(boolean linkChanged) {
        if (linkChanged) relink("Listing devices with the new settings…", () -> { }, "", "Cannot list devices");
        else servers.setAll(services.settings().remoteServers());
    }

    /** A change that reopens the device link, so the watch is closed first and opened again after, even on failure. */
    private void relink(String doing, LinkChange change, String done, String failurePrefix) {
        status.set(doing);
        busy.set(true);
        AutoCloseable old = watch;
        watch = null;
        background(() -> {
            if (old != null) old.close();
            Exception failed = null;
            try {
                change.run();
            } catch (Exception e) {
                failed = e;
            }
            AutoCloseable w = services.watchDevices(list -> Platform.runLater(() -> apply(list)));
            Platform.runLater(() -> {
                watch = w;
                servers.setAll(services.settings().remoteServers());
            });
            if (failed != null) throw failed;
            return w;
        }, w -> {
            busy.set(false);
            status.set(done);
        }, failurePrefix);
    }

    /** What {@link #relink} does between closing and reopening the watch. */
    @FunctionalInterface
    private interface LinkChange {
        void run() throws Exception;
    }

    /** Applies a new list: keeps the selection on the same (server, serial) and tells the other pages. */
    void apply(DeviceList list) {
        DeviceInfo before = selected.get();
        devices.setAll(list.devices());
        warnings.set(String.join("\n", list.warnings()));
        DeviceInfo after = null;
        for (DeviceInfo d : list.devices()) if (DeviceStates.sameDevice(d, before)) after = d;
        selected.set(after);
        bus.publish(new DevicesChangedEvent(list.devices()));
    }

    private void loadDetails(DeviceInfo d) {
        if (d != null && d.equals(detailsFor)) return;
        detailsFor = d;
        details.set(null);
        if (d == null) {
            detailsStatus.set("Select a device to see its model, Android version, ABI and RAM.");
            return;
        }
        if (!d.online()) {
            detailsStatus.set(d.virtual() ? "Start the virtual device to read its facts."
                    : DeviceStates.label(d) + ". Its facts can be read once it is online.");
            return;
        }
        detailsStatus.set("Reading facts from " + DeviceStates.name(d) + "…");
        background(() -> services.deviceDetails(d), facts -> {
            if (!d.equals(detailsFor)) return;
            details.set(facts);
            detailsStatus.set(facts.description());
        }, message -> {
            if (d.equals(detailsFor)) detailsStatus.set("Cannot read the facts of " + d.serial() + ": " + message);
        });
    }

    private <T> void background(Callable<T> work, Consumer<T> onFx, String failurePrefix) {
        error.set("");
        background(work, onFx, message -> {
            busy.set(false);
            status.set("");
            error.set(failurePrefix + ": " + message);
        });
    }

    private <T> void background(Callable<T> work, Consumer<T> onFx, Consumer<String> onFailure) {
        worker.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onFx.accept(result));
            } catch (Exception | LinkageError e) {
                String message = Messages.describe(e);
                Platform.runLater(() -> onFailure.accept(message));
            }
        });
    }
}
