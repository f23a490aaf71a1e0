package dev.snapfusion.runner.bundle;

/** A manifest or bundle file that does not follow docs/bundle.md. The message names the file and the field. */
public final class BundleFormatException extends RuntimeException {
    public BundleFormatException(String message) {
        super(message);
    }

    public BundleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
