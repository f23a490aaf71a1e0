package dev.snapfusion.bridge.toy;

/**
 * Steele, Lea and Flood's SplitMix64 generator, written out so the toy world is the same on every JVM and can be
 * re-implemented in a few lines elsewhere (docs/judge.md, "Sampling"). Not thread-safe.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        state = seed;
    }

    long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound): the unsigned remainder (its bias, under 2^-60 for these bounds, does not matter here). */
    int nextInt(int bound) {
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** Uniform in [0, 1) from the top 53 bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
