package dev.snapfusion.bridge.tflite;

/** A model that would not fit in one flatbuffer (2 GB), which TFLite 2.6.2 requires. */
public final class ModelTooLargeException extends IllegalArgumentException {
    public ModelTooLargeException(String message) {
        super(message);
    }
}
