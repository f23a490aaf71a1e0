package dev.snapfusion.studio.settings;

import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.studio.config.RemoteServers;
import dev.snapfusion.studio.config.StudioSettings;
import dev.snapfusion.studio.config.Theme;
import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.event.SettingsAppliedEvent;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.services.Workers;
import dev.snapfusion.studio.ui.Messages;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State of the Settings page: the fields as typed, checked on {@link #apply()}, and saved off the FX thread. The theme is
 * saved as soon as it is picked. Properties are touched on the FX thread only.
 */
final class SettingsModel {
    static final String THREADS_HINT = "leave it empty for the device's default (1 on the virtual device, 4 on a phone)";

    private final StudioServices services;
    private final EventBus bus;
    private final ExecutorService worker = Workers.single("settings-worker");

    final StringProperty adbPath = new SimpleStringProperty("");
    final StringProperty remoteServers = new SimpleStringProperty("");
    final StringProperty runnerThreads = new SimpleStringProperty("");
    final ObjectProperty<Quantization> quantization = new SimpleObjectProperty<>(Quantization.FP32);
    final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    final StringProperty status = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty(false);

    SettingsModel(StudioServices services, EventBus bus) {
        this.services = services;
        this.bus = bus;
        show(services.settings());
    }

    String workspace() {
        return services.workspace().toString();
    }

    /** Puts the settings in force back into the fields. */
    void revert() {
        reload();
        status.set("Showing the saved settings.");
    }

    /** On every visit: the Devices page may have added or removed servers meanwhile; edits not applied are dropped. */
    void reload() {
        error.set("");
        status.set("");
        show(services.settings());
    }

    private void show(StudioSettings s) {
        adbPath.set(s.adbPath());
        remoteServers.set(String.join("\n", s.remoteServers()));
        runnerThreads.set(s.runnerThreads() == 0 ? "" : Integer.toString(s.runnerThreads()));
        quantization.set(s.convertQuantization());
        theme.set(s.theme());
    }

    /** Checks every field, then saves and applies them; a bad field is named with its text and nothing is saved. */
    void apply() {
        StudioSettings next;
        try {
            next = parse(adbPath.get(), remoteServers.get(), runnerThreads.get(), theme.get(), quantization.get());
        } catch (IllegalArgumentException e) {
            status.set("");
            error.set(e.getMessage());
            return;
        }
        save(next, "Saved");
    }

    /** The theme is shown at once by the page; this keeps it for the next start without touching the other fields. */
    void saveTheme(Theme t) {
        if (t == null || t == services.settings().theme()) return;
        save(services.settings().withTheme(t), "Theme " + t.key() + " saved");
    }

    private void save(StudioSettings next, String done) {
        StudioSettings before = services.settings();
        error.set("");
        busy.set(true);
        worker.execute(() -> {
            try {
                services.saveSettings(next);
                Platform.runLater(() -> {
                    busy.set(false);
                    status.set(done + " to " + services.workspace().resolve("settings").resolve("studio.properties") + ".");
                    bus.publish(new SettingsAppliedEvent(next, before.linkDiffers(next)));
                });
            } catch (Exception | LinkageError e) {
                String message = Messages.describe(e);
                Platform.runLater(() -> {
                    busy.set(false);
                    status.set("");
                    error.set("Cannot save the settings: " + message);
                });
            }
        });
    }

    /** The fields as typed, to settings; IllegalArgumentException names the field and the text. */
    static StudioSettings parse(String adb, String servers, String threads, Theme theme, Quantization quantization) {
        return new StudioSettings(checkAdb(adb), checkServers(servers), checkThreads(threads), theme,
                quantization == null ? Quantization.FP32 : quantization);
    }

    static String checkAdb(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) return s;
        Path p;
        try {
            p = Path.of(s);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("adb “" + s + "” is not a valid path: " + e.getReason());
        }
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("adb “" + s + "” does not exist; leave it empty to find adb on PATH or in "
                    + "the Android SDK");
        }
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            throw new IllegalArgumentException("adb “" + s + "” is not an executable file; pick the adb program itself "
                    + "(platform-tools/adb)");
        }
        return s;
    }

    /** One host:port per line (commas also separate); blank lines are ignored. */
    static List<String> checkServers(String text) {
        List<String> out = new ArrayList<>();
        for (String line : (text == null ? "" : text).split("[\\n,]")) {
            if (line.isBlank()) continue;
            String hostPort;
            try {
                hostPort = RemoteServers.check(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Remote adb servers: " + e.getMessage());
            }
            if (!out.contains(hostPort)) out.add(hostPort);
        }
        return out;
    }

    static int checkThreads(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) return 0;
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Runner threads “" + s + "” is not a whole number; " + THREADS_HINT);
        }
        if (n < 1 || n > StudioSettings.MAX_RUNNER_THREADS) {
            throw new IllegalArgumentException("Runner threads “" + s + "” is not from 1 to "
                    + StudioSettings.MAX_RUNNER_THREADS + "; " + THREADS_HINT);
        }
        return n;
    }
}
