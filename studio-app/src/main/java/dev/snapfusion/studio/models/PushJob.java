package dev.snapfusion.studio.models;

import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.PushReport;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * One bundle pushed to several devices at once, one daemon thread per device, as {@code studio push --device a
 * --device b} does. One device failing does not stop the others. The listener hears everything on the FX thread.
 */
final class PushJob {
    /** Progress and outcome per device; called on the FX thread. */
    interface Listener {
        void progress(DeviceInfo device, double fraction, String text);

        void done(DeviceInfo device, boolean ok, String text);
    }

    private final StudioServices services;
    private final Path bundle;

    PushJob(StudioServices services, Path bundle) {
        this.services = services;
        this.bundle = bundle;
    }

    /** Starts every push and returns; {@code allDone} runs on the FX thread after the last one ends. */
    void start(List<DeviceInfo> devices, Listener listener, Runnable allDone) {
        AtomicInteger left = new AtomicInteger(devices.size());
        if (devices.isEmpty()) {
            Platform.runLater(allDone);
            return;
        }
        for (DeviceInfo d : devices) {
            Thread t = new Thread(() -> {
                boolean ok = false;
                String text;
                try {
                    PushReport r = services.push(bundle, d, (phase, fraction, detail) ->
                            Platform.runLater(() -> listener.progress(d, fraction, detail)));
                    ok = true;
                    text = describe(r);
                } catch (Exception | LinkageError x) {
                    text = "Failed: " + Messages.describe(x);
                }
                boolean success = ok;
                String said = text;
                Platform.runLater(() -> {
                    listener.done(d, success, said);
                    if (left.decrementAndGet() == 0) allDone.run();
                });
            }, "push-" + d.serial());
            t.setDaemon(true);
            t.start();
        }
    }

    static String describe(PushReport r) {
        return String.format(Locale.ROOT, "Pushed %d files (%s), skipped %d already there, in %.1f s",
                r.pushed().size(), Sizes.bytes(r.bytesPushed()), r.skipped().size(), r.seconds());
    }
}
