package dev.snapfusion.runner.noise;

/**
 * Seeded Gaussian noise that is bit-identical on ART, any JVM and any desktop.
 *
 * <p>Definition (this is the contract; changing any detail changes every image):
 * <ol>
 *   <li>Raw 64-bit values are SplitMix64 used counter-style: {@code raw(k) = mix(seed + (k + 1) * 0x9E3779B97F4A7C15L)}
 *       for k = 0, 1, 2, ..., with two's-complement wrap-around and
 *       {@code mix(z): z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L; z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
 *       return z ^ (z >>> 31)}. This equals the k-th output of the SplitMix64 stream seeded with {@code seed}.</li>
 *   <li>Pair j (j = 0, 1, ...) uses {@code u1 = ((raw(2j) >>> 11) + 1) * 2^-53} in (0, 1] and
 *       {@code u2 = (raw(2j+1) >>> 11) * 2^-53} in [0, 1).</li>
 *   <li>Box–Muller in double with {@link StrictMath} (fdlibm, identical everywhere):
 *       {@code r = sqrt(-2 ln u1)}, {@code theta = 2 pi u2}, value 2j = (float) (r cos theta),
 *       value 2j+1 = (float) (r sin theta). For odd n the last sine is dropped.</li>
 * </ol>
 * Only IEEE-754 double operations and StrictMath are involved, both fully specified by the Java platform, so the
 * output is reproducible bit for bit. Stateless and thread-safe.
 */
public final class PortableNoise {
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private PortableNoise() {
    }

    /** {@code n} standard-normal floats for {@code seed}, as defined in the class comment. */
    public static float[] gaussian(long seed, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("noise length must be >= 0, got " + n);
        }
        float[] out = new float[n];
        for (int j = 0; 2 * j < n; j++) {
            double u1 = ((raw(seed, 2L * j) >>> 11) + 1) * TWO_POW_MINUS_53;
            double u2 = (raw(seed, 2L * j + 1) >>> 11) * TWO_POW_MINUS_53;
            double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
            double theta = 2.0 * StrictMath.PI * u2;
            out[2 * j] = (float) (r * StrictMath.cos(theta));
            if (2 * j + 1 < n) {
                out[2 * j + 1] = (float) (r * StrictMath.sin(theta));
            }
        }
        return out;
    }

    /** The k-th raw SplitMix64 output for {@code seed}. */
    static long raw(long seed, long k) {
        return mix(seed + (k + 1) * GOLDEN_GAMMA);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
