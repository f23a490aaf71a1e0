package dev.snapfusion.studio.devices;

import dev.snapfusion.studio.common.Sizes;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.PushProgress;
import dev.snapfusion.link.PushReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One bundle push to one device, as its row shows it: progress, the file being sent, then how it ended. The pushing
 * thread reports through {@link #listener()}; properties change on the FX thread only. Progress is coalesced: however
 * many chunks arrive, at most one update waits on the FX thread.
 */
final class PushJob {
    enum State { RUNNING, DONE, FAILED, CANCELLED }

    final DeviceInfo device;
    final Path bundle;
    /** 0..1 of the bytes to send; -1 (indeterminate) while the device is being checked. */
    final DoubleProperty progress = new SimpleDoubleProperty(-1);
    final StringProperty detail = new SimpleStringProperty("Checking what the device already has…");
    final ObjectProperty<State> state = new SimpleObjectProperty<>(State.RUNNING);
    private final AtomicReference<PushProgress> latest = new AtomicReference<>();
    private volatile boolean cancelRequested;

    PushJob(DeviceInfo device, Path bundle) {
        this.device = device;
        this.bundle = bundle;
    }

    boolean running() {
        return state.get() == State.RUNNING;
    }

    /** Asks the push to stop at its next chunk; the row says so until it has. */
    void cancel() {
        if (!running() || cancelRequested) return;
        cancelRequested = true;
        detail.set("Cancelling…");
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Called on the pushing thread. */
    PushListener listener() {
        return p -> {
            if (latest.getAndSet(p) == null) Platform.runLater(this::showLatest);
        };
    }

    private void showLatest() {
        PushProgress p = latest.getAndSet(null);
        if (p == null || !running() || cancelRequested) return;
        progress.set(p.totalFraction());
        detail.set(describe(p));
    }

    static String describe(PushProgress p) {
        // Numbers first, the file last: a long block file name wraps without splitting "12 MB/s".
        return String.format(Locale.ROOT, "%s of %s · %.0f MB/s · %s", Sizes.bytes(p.totalBytesDone()),
                Sizes.bytes(p.totalBytes()), p.megabytesPerSecond(), p.file());
    }

    void finished(PushReport r) {
        progress.set(1);
        detail.set(outcome(r));
        state.set(State.DONE);
    }

    void failed(String message) {
        detail.set(message);
        state.set(State.FAILED);
    }

    void cancelled() {
        detail.set("Cancelled. The next push to this device goes on from the files already verified.");
        state.set(State.CANCELLED);
    }

    static String outcome(PushReport r) {
        if (r.pushed().isEmpty()) return "Up to date (" + r.skipped().size() + " files skipped)";
        String skipped = r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " skipped";
        return String.format(Locale.ROOT, "Pushed %d files, %s%s in %.1f s", r.pushed().size(), Sizes.bytes(r.bytesPushed()),
                skipped, r.seconds());
    }
}
