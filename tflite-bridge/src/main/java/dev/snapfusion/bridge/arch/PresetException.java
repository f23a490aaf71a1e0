package dev.snapfusion.bridge.arch;

/** A preset file that is not a valid architecture. The message names the file and the field. */
public final class PresetException extends RuntimeException {
    public PresetException(String message) {
        super(message);
    }

    public PresetException(String message, Throwable cause) {
        super(message, cause);
    }
}
