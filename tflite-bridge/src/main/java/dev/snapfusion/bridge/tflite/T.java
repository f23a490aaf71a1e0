package dev.snapfusion.bridge.tflite;

import java.util.Arrays;

/** A tensor of a graph under construction: its index in the subgraph and its static shape. */
public record T(int index, int[] shape) {
    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    public long elements() {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    @Override
    public String toString() {
        return "T#" + index + Arrays.toString(shape);
    }
}
