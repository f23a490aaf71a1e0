package dev.snapfusion.bridge.source;

/**
 * Element types a safetensors header may name (huggingface/safetensors). Only the float types convert
 * to float32; the others are parsed and size-checked so that files carrying integer buffers
 * (LDM's {@code position_ids}, EMA counters) still open.
 */
public enum SafetensorsDtype {
    F64(8, false), F32(4, true), F16(2, true), BF16(2, true),
    F8_E4M3(1, false), F8_E5M2(1, false),
    I64(8, false), I32(4, false), I16(2, false), I8(1, false),
    U64(8, false), U32(4, false), U16(2, false), U8(1, false), BOOL(1, false);

    private final int bytes;
    private final boolean floatConvertible;

    SafetensorsDtype(int bytes, boolean floatConvertible) {
        this.bytes = bytes;
        this.floatConvertible = floatConvertible;
    }

    public int bytes() {
        return bytes;
    }

    /** True for F32, F16 and BF16, which {@link SafetensorsFile#floats} reads. */
    public boolean floatConvertible() {
        return floatConvertible;
    }

    /** The dtype spelled {@code s} in a header, or null when safetensors has no such type. */
    static SafetensorsDtype parse(String s) {
        for (SafetensorsDtype d : values()) if (d.name().equals(s)) return d;
        return null;
    }
}
