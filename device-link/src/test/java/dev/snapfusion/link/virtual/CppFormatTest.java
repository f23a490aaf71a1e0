package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Numbers as C++ streams print them, checked against values from TFLite's own CSV output (docs/op-profiles.md). */
class CppFormatTest {
    @Test
    void general_valuesSeenInTfliteCsv_sameText() {
        assertThat(CppFormat.general(1874.2)).isEqualTo("1874.2");
        assertThat(CppFormat.general(212.941)).isEqualTo("212.941");
        assertThat(CppFormat.general(89.79718)).isEqualTo("89.7972");
        assertThat(CppFormat.general(0.000705578)).isEqualTo("0.000705578");
        assertThat(CppFormat.general(4e-05)).isEqualTo("4e-05");
        assertThat(CppFormat.general(100.0)).isEqualTo("100");
        assertThat(CppFormat.general(0)).isEqualTo("0");
    }

    @Test
    void general_largeAndNegativeAndSpecial_scientificAndNames() {
        assertThat(CppFormat.general(2087143.0)).isEqualTo("2.08714e+06");
        assertThat(CppFormat.general(999999.5)).isEqualTo("1e+06");
        assertThat(CppFormat.general(-0.5)).isEqualTo("-0.5");
        assertThat(CppFormat.general(92003.0)).isEqualTo("92003");
        assertThat(CppFormat.general(Double.NaN)).isEqualTo("nan");
        assertThat(CppFormat.general(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    }

    @Test
    void field_rightAlignedAfterATab_widerTextOverflows() {
        assertThat(CppFormat.field(9, CppFormat.fixed3(3.2041))).isEqualTo("\t    3.204");
        assertThat(CppFormat.field(4, "CONV_2D")).isEqualTo("\tCONV_2D");
    }
}
