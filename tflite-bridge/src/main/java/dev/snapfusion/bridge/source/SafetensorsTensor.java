package dev.snapfusion.bridge.source;

/**
 * One header entry: the tensor's bytes are {@code [begin, end)} of the data section (after the
 * 8-byte length and the header).
 */
public record SafetensorsTensor(String name, SafetensorsDtype dtype, int[] shape, long begin, long end) {
    public long elements() {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    public long byteLength() {
        return end - begin;
    }
}
