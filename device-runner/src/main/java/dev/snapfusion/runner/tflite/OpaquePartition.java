package dev.snapfusion.runner.tflite;

import java.util.List;

/**
 * A delegate partition whose time is reported as one {@link OpTime} of type {@link OpTime#DELEGATE}, because its
 * operators could not be matched one to one with the TFLite nodes it replaced (docs/op-profile.md).
 *
 * @param partition index in execution order, as in {@link OpTime#partition()}
 * @param tensors the first output tensor of every node it replaced, in node order (which blocks it spans)
 * @param reason why it was not split, for people
 */
public record OpaquePartition(int partition, List<String> tensors, String reason) {
    public OpaquePartition {
        tensors = List.copyOf(tensors);
    }
}
