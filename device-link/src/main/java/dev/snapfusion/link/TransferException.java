package dev.snapfusion.link;

/**
 * A push, pull or command failed part way, or the device refused it (no space, bad path). Timeouts and
 * dropped streams are retryable; a refusal by the device is not.
 */
public final class TransferException extends LinkException {
    public TransferException(String message, Throwable cause, boolean retryable) {
        super(message, cause, retryable);
    }
}
