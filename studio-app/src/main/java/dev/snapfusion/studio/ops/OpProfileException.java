package dev.snapfusion.studio.ops;

/** A file that is not a readable op profile. The message names the file (and line) and says what was expected. */
public final class OpProfileException extends RuntimeException {
    public OpProfileException(String message) {
        super(message);
    }

    public OpProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
