package dev.snapfusion.studio.models;

import dev.snapfusion.studio.common.Sizes;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.PushReport;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * One bundle pushed to several devices at once, one daemon thread per device, as {@code studio push --device a
 * --device b} does. One device failing does not stop the others. The listener hears everything on the FX thread.
 * {@link #cancel()} stops every push at its next chunk (closing the dialog does); the next push resumes.
 */
final class PushJob {
    /** Progress and outcome per device; called on the FX thread. */
    interface Listener {
        void progress(DeviceInfo device, double fraction, String text);

        void done(DeviceInfo device, boolean ok, String text);
    }

    private final StudioServices services;
    private final Path bundle;
    private volatile boolean cancelled;

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
                    PushListener progress = p -> Platform.runLater(() -> listener.progress(d, p.totalFraction(),
                            String.format(Locale.ROOT, "%s (%.0f MB/s)", p.file(), p.megabytesPerSecond())));
                    PushReport r = services.pushBundle(d, bundle, progress, () -> cancelled);
                    ok = true;
                    text = describe(r);
                } catch (CancellationException x) {
                    text = "Cancelled; the next push goes on from the files already verified.";
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

    /** Asks every running push to stop at its next chunk. */
    void cancel() {
        cancelled = true;
    }

    static String describe(PushReport r) {
        return String.format(Locale.ROOT, "Pushed %d files (%s), skipped %d already there, in %.1f s",
                r.pushed().size(), Sizes.bytes(r.bytesPushed()), r.skipped().size(), r.seconds());
    }
}
