package dev.snapfusion.bridge.source;

/**
 * A checkpoint that does not fit the architecture (missing, leftover or misshapen tensors, named) or
 * a weights file that is not valid. A user input problem, hence an IllegalArgumentException: the CLI
 * prints the message without a stack trace.
 */
public final class CheckpointException extends IllegalArgumentException {
    public CheckpointException(String message) {
        super(message);
    }
}
