package dev.snapfusion.bridge.tflite;

import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.Optional;

/**
 * How a graph's weights are written: a {@link WeightPolicy}, and optionally a file to stream them to
 * while the graph is being built (so a model never sits in memory whole; see {@link ModelWriter}).
 * {@link #FP32} keeps every weight as float32; {@link #FP16} stores float16 data followed by a DEQUANTIZE op.
 * Immutable.
 */
public final class WeightFormat {
    public static final WeightFormat FP32 = new WeightFormat("fp32", WeightPolicy.uniform(WeightEncoding.FP32), null);
    public static final WeightFormat FP16 = new WeightFormat("fp16", WeightPolicy.uniform(WeightEncoding.FP16_DEQUANT), null);

    private final String name;
    private final WeightPolicy policy;
    private final FileChannel output;

    private WeightFormat(String name, WeightPolicy policy, FileChannel output) {
        this.name = name;
        this.policy = Objects.requireNonNull(policy);
        this.output = output;
    }

    public static WeightFormat of(String name, WeightPolicy policy) {
        return new WeightFormat(name, policy, null);
    }

    /**
     * The same policy, with the model streamed into {@code channel} (empty, opened for reading and writing:
     * small models are moved down over the unused header room at the end) instead of being kept in memory; finish it with {@link Graph#finishTo()}.
     */
    public WeightFormat streamingTo(FileChannel channel) {
        return new WeightFormat(name, policy, Objects.requireNonNull(channel));
    }

    public WeightPolicy policy() {
        return policy;
    }

    Optional<FileChannel> output() {
        return Optional.ofNullable(output);
    }

    @Override
    public String toString() {
        return name;
    }
}
