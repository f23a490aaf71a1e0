package dev.snapfusion.bridge.graph;

import dev.snapfusion.bridge.tflite.T;
import dev.snapfusion.runner.bundle.BlockKind;
import java.util.List;

/**
 * One planned UNet block: which named activations it reads, the shapes they have, the name its one
 * output is stored under (it is also stored under {@code id}, which is how skips are referenced).
 */
public record UnetBlock(String id, String stage, BlockKind kind, List<String> inputs, List<int[]> inputShapes,
                        String output, Emitter emitter) {
    /** Emits the block's ops into a graph, given its input tensors in {@code inputs} order. */
    @FunctionalInterface
    interface Emitter {
        T emit(Nn nn, List<T> inputs);
    }
}
