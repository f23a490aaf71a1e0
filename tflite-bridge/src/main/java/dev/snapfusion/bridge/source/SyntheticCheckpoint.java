package dev.snapfusion.bridge.source;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic weights made on demand from (seed, tensor name): the same name always gets the same
 * values, whatever the order of requests, so a SnapFusion preset shares the weights of every block it
 * keeps from SD-v1.5 with the same seed. Scales keep activations O(1) through GroupNorm-ed nets:
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
        SplittableRandom r = new SplittableRandom(seed ^ fnv64(name));
        float[] v = new float[(int) n];
        boolean norm = name.contains("norm") && name.endsWith(".weight");
        boolean bias = name.endsWith(".bias");
        boolean embedding = name.contains("embedding.weight");
        double fanIn = shape.length > 1 ? (double) n / shape[0] : 1;
        for (int i = 0; i < v.length; i++) {
            double g = gaussian(r);
            if (norm) v[i] = (float) (1 + 0.1 * g);
            else if (bias) v[i] = (float) (0.05 * g);
            else if (embedding) v[i] = (float) (0.5 * g);
            else v[i] = (float) (g / Math.sqrt(fanIn));
        }
        return v;
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
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
