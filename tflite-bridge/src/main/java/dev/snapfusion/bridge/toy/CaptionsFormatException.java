package dev.snapfusion.bridge.toy;

/** A captions.jsonl that cannot be read: the message names the file and line. */
public final class CaptionsFormatException extends RuntimeException {
    public CaptionsFormatException(String message) {
        super(message);
    }

    public CaptionsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
