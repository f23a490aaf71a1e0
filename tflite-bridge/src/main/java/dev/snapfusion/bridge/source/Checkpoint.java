package dev.snapfusion.bridge.source;

/**
 * Named float tensors in PyTorch layout (OIHW convs, [out, in] linears), as diffusers names them.
 * Implementations: deterministic synthetic weights (demo sources, full-size timing); safetensors files.
 */
public interface Checkpoint {
    /**
     * The tensor {@code name} as float32, checked against {@code shape}.
     *
     * @throws dev.snapfusion.bridge.source.CheckpointException if missing or of another shape
     */
    float[] tensor(String name, int... shape);

    /** Where the weights come from, for messages and the manifest. */
    String describe();
}
