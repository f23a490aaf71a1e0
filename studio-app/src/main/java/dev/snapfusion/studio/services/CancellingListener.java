package dev.snapfusion.studio.services;

import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.PushProgress;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Stops a bundle push from the inside: the pusher calls its listener on the pushing thread for every chunk sent and every
 * file skipped or verified, so throwing there ends the push within one 64 KiB chunk, closes its sync stream, and leaves
 * only what an unplug would leave (verified files and at most one .part, which the next push removes).
 */
final class CancellingListener implements PushListener {
    private final PushListener delegate;
    private final BooleanSupplier cancelled;
    private final String serial;

    CancellingListener(PushListener delegate, BooleanSupplier cancelled, String serial) {
        this.delegate = delegate;
        this.cancelled = cancelled;
        this.serial = serial;
    }

    /** Throws if the push was cancelled; also called before the push connects. */
    void check() {
        if (cancelled.getAsBoolean()) throw new CancellationException("push to " + serial + " cancelled");
    }

    @Override
    public void onProgress(PushProgress p) {
        check();
        delegate.onProgress(p);
    }

    @Override
    public void onSkipped(String file, long bytes) {
        check();
        delegate.onSkipped(file, bytes);
    }

    @Override
    public void onVerified(String file) {
        check();
        delegate.onVerified(file);
    }
}
