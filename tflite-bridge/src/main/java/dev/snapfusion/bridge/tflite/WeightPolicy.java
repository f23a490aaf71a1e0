package dev.snapfusion.bridge.tflite;

/**
 * Decides how each weight is stored, given how it is used. Implementations must be deterministic;
 * they may throw {@link IllegalArgumentException} to refuse a use they cannot encode correctly.
 */
@FunctionalInterface
public interface WeightPolicy {
    WeightEncoding encode(WeightUse use);

    /** Every weight in one encoding (the matmul weights and everything else alike). */
    static WeightPolicy uniform(WeightEncoding e) {
        return use -> e;
    }
}
