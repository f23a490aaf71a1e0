package dev.snapfusion.bridge.toy;

import java.util.Locale;

/**
 * The two disjoint seed streams of the toy world: sample {@code i} of the training split has seed {@code 2i}, entry
 * {@code k} of the evaluation list has seed {@code 2k + 1}. A trainer that draws only from {@link #TRAIN} can never see
 * an evaluation (prompt, seed) pair (docs/judge.md, "Evaluation split").
 */
public enum ToySplit {
    TRAIN,
    EVAL;

    /** Indices go up to 2^62 - 1, so every seed is a non-negative long. */
    public static final long MAX_INDEX = (1L << 62) - 1;

    public long seed(long index) {
        if (index < 0 || index > MAX_INDEX) throw new IllegalArgumentException("sample index must be 0.." + MAX_INDEX + ", got " + index);
        return this == TRAIN ? 2 * index : 2 * index + 1;
    }

    /** Which stream a seed belongs to; negative seeds follow the same parity rule. */
    public static ToySplit of(long seed) {
        return (seed & 1) == 0 ? TRAIN : EVAL;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ToySplit parse(String s) {
        for (ToySplit v : values()) if (v.wireName().equals(s)) return v;
        throw new IllegalArgumentException("unknown split \"" + s + "\"; expected train or eval");
    }
}
