package dev.snapfusion.runner.pipeline;

import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BlockKind;
import dev.snapfusion.runner.tflite.TfliteModel;
import java.util.Arrays;

/**
 * Which UNet blocks a run may replace by identity ({@code skip_blocks} in the request; docs/evolve.md, "Which blocks
 * can be skipped"). Identity passes the block's first input through and stores it, like any output, under
 * {@code outputs[0]} and under the block's id, so an up-path resnet that reads a skipped block's id as its skip still
 * finds a tensor of the shape it was built for. That is sound only when the block writes the name it reads first and
 * maps that tensor to the same shape. Thread-safe (stateless).
 */
public final class BlockSkips {
    private BlockSkips() {
    }

    /** Null when {@code b} can be skipped; otherwise why it is fixed, in words. */
    public static String whyFixed(Block b, int[] firstInputShape, int[] outputShape) {
        if (b.kind() != BlockKind.RESNET && b.kind() != BlockKind.CROSS_ATTENTION) {
            return "a " + b.kind().wireName() + " block (only resnet and cross-attention blocks are removal candidates)";
        }
        if (b.inputs().isEmpty() || b.outputs().isEmpty() || !b.outputs().get(0).equals(b.inputs().get(0))) {
            return "it writes '" + (b.outputs().isEmpty() ? "" : b.outputs().get(0)) + "' but reads '"
                    + (b.inputs().isEmpty() ? "" : b.inputs().get(0)) + "' first, so identity would feed another name";
        }
        if (!Arrays.equals(firstInputShape, outputShape)) {
            return "it maps " + Arrays.toString(firstInputShape) + " to " + Arrays.toString(outputShape)
                    + " (it changes channels or size), so identity cannot stand in for it";
        }
        return null;
    }

    /** {@link #whyFixed(Block, int[], int[])} with the shapes of the block's loaded file. */
    public static String whyFixed(Block b, TfliteModel model) {
        return whyFixed(b, model.inputShape(0), model.outputShape(0));
    }
}
