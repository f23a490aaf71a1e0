package dev.snapfusion.runner.bundle;

/**
 * One entry of a .tflite model's {@code operator_codes} table. {@code builtin} is the operator as TFLite
 * resolves it: the larger of {@code deprecated_builtin_code} and {@code builtin_code} (schema_utils.cc
 * {@code GetBuiltinCode}); {@code custom} is the custom op's name when {@code builtin} is {@link #CUSTOM}, else null.
 */
public record OpCode(int builtin, int version, String custom) {
    /** {@code BuiltinOperator.CUSTOM} in schema.fbs. */
    public static final int CUSTOM = 32;

    public boolean isCustom() {
        return builtin == CUSTOM;
    }
}
