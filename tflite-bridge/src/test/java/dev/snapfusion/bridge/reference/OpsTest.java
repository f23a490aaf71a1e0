package dev.snapfusion.bridge.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OpsTest {
    @Test
    void erf_tabulatedValues_matchToDoublePrecision() {
        // Abramowitz & Stegun table 7.1 / mpmath
        assertThat(Ops.erf(0)).isEqualTo(0.0);
        assertThat(Ops.erf(0.5)).isCloseTo(0.5204998778130465, within(1e-15));
        assertThat(Ops.erf(1)).isCloseTo(0.8427007929497149, within(1e-15));
        assertThat(Ops.erf(2)).isCloseTo(0.9953222650189527, within(1e-15));
        assertThat(Ops.erf(-3)).isCloseTo(-0.9999779095030014, within(1e-15));
        assertThat(Ops.erf(7)).isEqualTo(1.0);
    }

    @Test
    void gelu_exactAgainstTanhForm_differByUnderOnePermille() {
        // gelu(1) = 0.5 (1 + erf(1/√2)) = 0.8413447460685429
        assertThat(Ops.gelu(1)).isCloseTo(0.8413447460685429, within(1e-15));
        double max = 0;
        for (double x = -8; x <= 8; x += 1e-3) max = Math.max(max, Math.abs(Ops.gelu(x) - Ops.geluTanh(x)));
        System.out.printf("max |gelu_exact - gelu_tanh| on [-8, 8]: %.3g%n", max);
        assertThat(max).isBetween(1e-5, 1e-3);
    }
}
