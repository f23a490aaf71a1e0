package dev.snapfusion.bridge.source;

/** A checkpoint that does not fit the architecture: missing, leftover or misshapen tensors, named. */
public final class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }
}
