package dev.snapfusion.link;

/**
 * A transport failure talking to an adb server or a device. Closed family, so callers can switch on
 * the kind; {@link #retryable()} says whether trying the same thing again can help (dadb's
 * {@code AdbException} draws the same line). Raw {@link java.io.IOException}s and dadb exceptions are
 * turned into this family in one place only ({@code Failures}).
 */
public abstract sealed class LinkException extends RuntimeException
        permits DeviceGoneException, AdbServerException, TransferException {
    private final boolean retryable;

    LinkException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True when the same call may succeed later (device re-plugged, server restarted, timeout). */
    public boolean retryable() {
        return retryable;
    }
}
