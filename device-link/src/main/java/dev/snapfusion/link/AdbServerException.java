package dev.snapfusion.link;

/**
 * The adb server could not be found, started or reached, or it answered a host request with FAIL.
 * Retryable when the server was merely unreachable; not when adb is missing or the request is refused.
 */
public final class AdbServerException extends LinkException {
    public AdbServerException(String message, Throwable cause, boolean retryable) {
        super(message, cause, retryable);
    }
}
