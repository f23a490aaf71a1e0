package dev.snapfusion.runner.bundle;

import java.util.List;

/** Name, shape and dtype of one model input or output, in the order the .tflite file lists them. */
public record TensorSpec(String name, List<Integer> shape, String dtype) {
    public TensorSpec {
        shape = List.copyOf(shape);
    }

    public int elementCount() {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
