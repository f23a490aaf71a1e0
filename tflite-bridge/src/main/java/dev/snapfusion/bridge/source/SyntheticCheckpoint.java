package dev.snapfusion.bridge.source;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic weights made on demand from (seed, tensor name): the same name always gets the same
 * values, whatever the order of requests and however many threads fill them, so a SnapFusion preset
 * shares the weights of every block it keeps from SD-v1.5 with the same seed. Scales keep activations O(1) through GroupNorm-ed nets:
 * norm gains near 1, small biases, He-style 1/sqrt(fan_in) for weights. Thread-safe.
 */
public final class SyntheticCheckpoint implements Checkpoint {
    private final long seed;

    public SyntheticCheckpoint(long seed) {
        this.seed = seed;
    }

    @Override
    public float[] tensor(String name, int... shape) {
        long n = 1;
        for (int d : shape) n *= d;
        if (n > Integer.MAX_VALUE) throw new CheckpointException(name + ": too large for one array");
        float[] v = new float[(int) n];
        boolean norm = name.contains("norm") && name.endsWith(".weight");
        boolean bias = name.endsWith(".bias");
        boolean embedding = name.contains("embedding.weight");
        double fanIn = shape.length > 1 ? (double) n / shape[0] : 1;
        float scale = (float) (norm ? 0.1 : bias ? 0.05 : embedding ? 0.5 : 1 / Math.sqrt(fanIn));
        float offset = norm ? 1f : 0f;
        long key = seed ^ fnv64(name);
        // Full-size models are timing work: fill big tensors on all cores (each element depends only on its index).
        int chunk = 1 << 16;
        java.util.stream.IntStream chunks = java.util.stream.IntStream.range(0, (v.length + chunk - 1) / chunk);
        (v.length > 4 * chunk ? chunks.parallel() : chunks).forEach(c -> {
            for (int i = c * chunk, e = Math.min(v.length, i + chunk); i < e; i++) v[i] = offset + scale * unitNoise(key, i);
        });
        return v;
    }

    /**
     * Zero-mean, unit-variance noise for element {@code i}, from a counter-based hash (SplitMix64's
     * finalizer): no sequential state, so generation costs a few ns per value and any element can be
     * made independently. The sum of two uniforms is triangular, not Gaussian, which is enough for
     * timing and for keeping activations O(1).
     */
    static float unitNoise(long key, long i) {
        long z = key + ((i >>> 1) + 1) * 0x9E3779B97F4A7C15L;   // one hash serves elements 2k and 2k+1
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        if ((i & 1) != 0) z >>>= 32;
        // two 16-bit uniforms in [0, 1); (u1 + u2 - 1) has variance 1/6
        float u1 = (z & 0xFFFF) * 0x1.0p-16f;
        float u2 = ((z >>> 16) & 0xFFFF) * 0x1.0p-16f;
        return (u1 + u2 - 1f) * 2.4494897f;
    }

    private static long fnv64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public String describe() {
        return "synthetic weights (seed " + seed + ")";
    }
}
