package dev.snapfusion.studio.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GenerateInputsTest {
    @Test
    void seed_blankOrNumber_readsIt() {
        assertThat(GenerateInputs.seed("")).isEqualTo(42);
        assertThat(GenerateInputs.seed(" 1234 ")).isEqualTo(1234);
    }

    @Test
    void steps_blank_meansBundleDefault() {
        assertThat(GenerateInputs.steps("  ")).isZero();
        assertThat(GenerateInputs.steps("8")).isEqualTo(8);
    }

    @Test
    void steps_zeroOrText_refusedNamingTheField() {
        assertThatThrownBy(() -> GenerateInputs.steps("0")).hasMessageStartingWith("Steps “0” must be a whole number");
        assertThatThrownBy(() -> GenerateInputs.steps("eight")).hasMessageStartingWith("Steps “eight”");
    }

    @Test
    void cfg_commaDecimalOrBlank_readsIt() {
        assertThat(GenerateInputs.cfg("7,5")).isEqualTo(7.5);
        assertThat(GenerateInputs.cfg("")).isEqualTo(-1);
    }

    @Test
    void cfg_negativeOrNaN_refused() {
        assertThatThrownBy(() -> GenerateInputs.cfg("-1")).hasMessageStartingWith("CFG “-1” must be a number");
        assertThatThrownBy(() -> GenerateInputs.cfg("NaN")).hasMessageStartingWith("CFG “NaN”");
    }

    @Test
    void ms_longDurations_inSeconds() {
        assertThat(GenerateInputs.ms(230.4)).isEqualTo("230 ms");
        assertThat(GenerateInputs.ms(86_100)).isEqualTo("86.1 s");
    }
}
