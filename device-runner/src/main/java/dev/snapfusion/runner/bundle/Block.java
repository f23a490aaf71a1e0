package dev.snapfusion.runner.bundle;

import java.util.List;

/**
 * One row of the UNet block table. Blocks run in table order; each reads the named activations in
 * {@code inputs} and writes {@code outputs} (see docs/bundle.md, "Block wiring").
 */
public record Block(String id, String stage, BlockKind kind, long params, long flops, String file,
                    List<String> inputs, List<String> outputs) {
    public Block {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
