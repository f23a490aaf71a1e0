package dev.snapfusion.studio.report;

/**
 * A run folder or report folder that cannot be compared: the message names the folder or file and what is wrong,
 * so callers show it to the user as is, without a stack trace.
 */
public final class ComparisonException extends RuntimeException {
    public ComparisonException(String message) {
        super(message);
    }

    public ComparisonException(String message, Throwable cause) {
        super(message, cause);
    }
}
