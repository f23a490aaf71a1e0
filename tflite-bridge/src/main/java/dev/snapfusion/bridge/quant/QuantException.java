package dev.snapfusion.bridge.quant;

/** A recipe TFLite 2.6.2 cannot run correctly, or a malformed recipe option; the message names it. */
public final class QuantException extends IllegalArgumentException {
    public QuantException(String message) {
        super(message);
    }
}
