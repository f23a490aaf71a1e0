package dev.snapfusion.runner.noise;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PortableNoiseTest {
    /** Stateful SplitMix64 as in Vigna's reference C code, written independently of the counter form. */
    private static final class SplitMix64 {
        private long x;

        SplitMix64(long seed) {
            x = seed;
        }

        long next() {
            long z = (x += 0x9e3779b97f4a7c15L);
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }

    private static float[] rederive(long seed, int n) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i += 2) {
            double u1 = 1.0 - (rng.next() >>> 11) / 9007199254740992.0;  // (0, 1]
            double u2 = (rng.next() >>> 11) / 9007199254740992.0;        // [0, 1)
            double r = StrictMath.sqrt(-2 * StrictMath.log(u1));
            out[i] = (float) (r * StrictMath.cos(2 * StrictMath.PI * u2));
            if (i + 1 < n) {
                out[i + 1] = (float) (r * StrictMath.sin(2 * StrictMath.PI * u2));
            }
        }
        return out;
    }

    @Test
    void raw_seedZero_matchesPublishedSplitMix64Output() {
        // first outputs of SplitMix64 seeded with 0 (Vigna's reference implementation)
        assertThat(PortableNoise.raw(0, 0)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(PortableNoise.raw(0, 1)).isEqualTo(0x6E789E6AA1B965F4L);
    }

    @Test
    void gaussian_seed42_firstValuesAreFixedBitForBit() {
        // recorded once from this implementation; any change here changes every generated image
        int[] bits = {0x3ed45626, 0x3f27161e, 0xbf6452a8, 0x3fa9d5af, 0x3fdd634e};
        float[] g = PortableNoise.gaussian(42L, 5);
        for (int i = 0; i < bits.length; i++) {
            assertThat(Float.floatToRawIntBits(g[i])).as("value %d", i).isEqualTo(bits[i]);
        }
    }

    @Test
    void gaussian_matchesIndependentRederivation() {
        // the stateful stream, unrolled by hand, against the counter form used by PortableNoise
        SplitMix64 rng = new SplitMix64(-7L);
        float[] g = PortableNoise.gaussian(-7L, 1001);
        for (int i = 0; i < 1001; i += 2) {
            double u1 = ((rng.next() >>> 11) + 1) / 9007199254740992.0;
            double u2 = (rng.next() >>> 11) / 9007199254740992.0;
            double r = StrictMath.sqrt(-2 * StrictMath.log(u1));
            assertThat(g[i]).isEqualTo((float) (r * StrictMath.cos(2 * StrictMath.PI * u2)));
            if (i + 1 < 1001) {
                assertThat(g[i + 1]).isEqualTo((float) (r * StrictMath.sin(2 * StrictMath.PI * u2)));
            }
        }
        // the u1 convention is part of the contract: the mirrored convention (1 - u) gives other values
        assertThat(rederive(-7L, 8)).isNotEqualTo(PortableNoise.gaussian(-7L, 8));
    }

    @Test
    void gaussian_prefixIsStableAcrossLengths() {
        float[] longer = PortableNoise.gaussian(123L, 1000);
        float[] shorter = PortableNoise.gaussian(123L, 7);
        for (int i = 0; i < 7; i++) {
            assertThat(shorter[i]).isEqualTo(longer[i]);
        }
    }

    @Test
    void gaussian_100kSamples_haveMeanZeroAndUnitStd() {
        float[] g = PortableNoise.gaussian(2024L, 100_000);
        double sum = 0;
        double sq = 0;
        for (float v : g) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / g.length;
        double std = Math.sqrt(sq / g.length - mean * mean);
        assertThat(mean).isCloseTo(0.0, within(0.015));
        assertThat(std).isCloseTo(1.0, within(0.015));
    }

    @Test
    void gaussian_differentSeeds_differ() {
        float[] a = PortableNoise.gaussian(1L, 64);
        float[] b = PortableNoise.gaussian(2L, 64);
        int same = 0;
        for (int i = 0; i < 64; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        assertThat(same).isZero();
    }

    @Test
    void gaussian_negativeLength_isRejected() {
        assertThatThrownBy(() -> PortableNoise.gaussian(1L, -1)).hasMessageContaining("-1");
    }
}
