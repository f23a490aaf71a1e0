package dev.snapfusion.studio.common;

/** A failure the user can act on; the CLI prints the message without a stack trace, the GUI shows it. */
public final class StudioError extends RuntimeException {
    public StudioError(String message) {
        super(message);
    }

    public StudioError(String message, Throwable cause) {
        super(message, cause);
    }
}
