package dev.snapfusion.runner.protocol;

/** A line on the runner's stdout, or a request file, that does not follow docs/runner-protocol.md. */
public final class RunnerProtocolException extends RuntimeException {
    public RunnerProtocolException(String message) {
        super(message);
    }

    public RunnerProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
