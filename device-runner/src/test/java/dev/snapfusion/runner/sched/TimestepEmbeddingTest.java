package dev.snapfusion.runner.sched;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimestepEmbeddingTest {
    @Test
    void sinusoidal_t0_isCosOnesThenSinZeros() {
        assertThat(TimestepEmbedding.sinusoidal(0, 8, true, 0f)).containsExactly(1, 1, 1, 1, 0, 0, 0, 0);
        assertThat(TimestepEmbedding.sinusoidal(0, 8, false, 0f)).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
    }

    @Test
    void sinusoidal_t999dim8_usesFrequenciesOneToOneThousandth() {
        // half = 4, freq_i = 10000^(-i/4) = 10^-i -> arguments 999, 99.9, 9.99, 0.999
        double[] args = {999, 99.9, 9.99, 0.999};
        float[] flipped = TimestepEmbedding.sinusoidal(999, 8, true, 0f);
        float[] plain = TimestepEmbedding.sinusoidal(999, 8, false, 0f);
        for (int i = 0; i < 4; i++) {
            assertThat((double) flipped[i]).isCloseTo(Math.cos(args[i]), within(1e-6));
            assertThat((double) flipped[4 + i]).isCloseTo(Math.sin(args[i]), within(1e-6));
            assertThat((double) plain[i]).isCloseTo(Math.sin(args[i]), within(1e-6));
            assertThat((double) plain[4 + i]).isCloseTo(Math.cos(args[i]), within(1e-6));
        }
    }

    @Test
    void sinusoidal_freqShiftOne_dividesByHalfMinusOne() {
        // half = 4, shift 1: freq_i = 10000^(-i/3)
        float[] e = TimestepEmbedding.sinusoidal(500, 8, false, 1f);
        for (int i = 0; i < 4; i++) {
            double arg = 500 * Math.pow(10000, -i / 3.0);
            assertThat((double) e[i]).isCloseTo(Math.sin(arg), within(1e-5));
        }
    }

    @Test
    void sinusoidal_oddDim_padsTrailingZero() {
        float[] e = TimestepEmbedding.sinusoidal(3, 7, true, 0f);
        assertThat(e).hasSize(7);
        assertThat(e[6]).isZero();
        assertThat((double) e[0]).isCloseTo(Math.cos(3), within(1e-6));
    }
}
