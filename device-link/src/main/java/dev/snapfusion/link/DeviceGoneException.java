package dev.snapfusion.link;

/** The device went away, went offline or refused our key; reconnecting (or accepting the prompt) may help. */
public final class DeviceGoneException extends LinkException {
    public DeviceGoneException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
