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
        (v.length > 4 * chunk ? chunks.parallel() : chunks).forEach(c -> fill(v, key, offset, scale, c * chunk,
                Math.min(v.length, (c + 1) * chunk)));
        return v;
    }

    /**
     * Zero-mean, unit-variance noise from a counter-based hash (one multiply-xorshift round per pair of
     * values): no sequential state, so any element can be made independently and a value costs about a
     * nanosecond. Each value is the sum of two 16-bit uniforms, triangular rather than Gaussian, which is
     * enough for timing work and for keeping activations O(1). {@code from} must be even.
     */
    static void fill(float[] v, long key, float offset, float scale, int from, int to) {
        float k = scale * 2.4494897f * 0x1.0p-16f;           // (u1 + u2 - 1) has variance 1/6
        float c = offset - scale * 2.4494897f;
        for (int i = from; i < to; i += 2) {
            long z = key + (long) (i >>> 1) * 0x9E3779B97F4A7C15L;
            z ^= z >>> 32;
            z *= 0xD6E8FEB86659FD93L;
            z ^= z >>> 32;
            v[i] = c + k * ((z & 0xFFFF) + ((z >>> 16) & 0xFFFF));
            if (i + 1 < to) v[i + 1] = c + k * (((z >>> 32) & 0xFFFF) + (z >>> 48));
        }
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
