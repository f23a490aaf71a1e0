package dev.snapfusion.bridge.quant;

import org.tensorflow.lite.schema.BuiltinOperator;

/** The ops whose weight operand a recipe may quantize to int8; everything else keeps float weights. */
public enum OpKind {
    CONV_2D, FULLY_CONNECTED, BATCH_MATMUL;

    static OpKind of(int opcode) {
        if (opcode == BuiltinOperator.CONV_2D) return CONV_2D;
        if (opcode == BuiltinOperator.FULLY_CONNECTED) return FULLY_CONNECTED;
        if (opcode == BuiltinOperator.BATCH_MATMUL) return BATCH_MATMUL;
        return null;
    }
}
