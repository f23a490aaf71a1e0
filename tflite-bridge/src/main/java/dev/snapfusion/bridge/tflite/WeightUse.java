package dev.snapfusion.bridge.tflite;

import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * One weight at the moment its first consumer op is emitted: which graph and block ({@code scope}) it
 * belongs to, its checkpoint name, the consuming op's builtin code and input slot, and its shape.
 * {@code opcode} is -1 for a weight no op reads.
 */
public record WeightUse(String graph, String scope, String weight, int opcode, int slot, int[] shape) {
    public String opName() {
        return opcode < 0 ? "NONE" : BuiltinOperator.name(opcode);
    }

    /** The weight operand of a matmul-like op (as opposed to its bias, or a gain read by MUL/ADD). */
    public boolean isMatmulWeight() {
        return slot == 1 && (opcode == BuiltinOperator.CONV_2D || opcode == BuiltinOperator.FULLY_CONNECTED
                || opcode == BuiltinOperator.BATCH_MATMUL);
    }
}
