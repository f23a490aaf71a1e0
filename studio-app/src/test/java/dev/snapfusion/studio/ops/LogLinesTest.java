package dev.snapfusion.studio.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The logcat and TFLite prefixes a saved profile line can carry, each form of {@code adb logcat -v}. */
class LogLinesTest {
    private static final String ROW = "\t                 CONV_2D\t    4.912\t    4.807\t  0.951%";

    @Test
    void message_threadtimePrefix_isStripped() {
        assertThat(LogLines.message("12-07 10:11:12.345  1234  1234 I tflite  : " + ROW)).isEqualTo(ROW);
    }

    @Test
    void message_yearAndThreadtimePrefix_isStripped() {
        assertThat(LogLines.message("2026-12-07 10:11:12.345  1234  1234 I tflite  : Run Order")).isEqualTo("Run Order");
    }

    @Test
    void message_timePrefix_isStripped() {
        assertThat(LogLines.message("12-07 10:11:12.345 I/tflite  ( 1234): " + ROW)).isEqualTo(ROW);
    }

    @Test
    void message_briefAndTagPrefixes_areStripped() {
        assertThat(LogLines.message("I/tflite  ( 1234): " + ROW)).isEqualTo(ROW);
        assertThat(LogLines.message("I/tflite: " + ROW)).isEqualTo(ROW);
        assertThat(LogLines.message("I tflite  : " + ROW)).isEqualTo(ROW);
    }

    @Test
    void message_emptyLogcatMessage_isAnEmptyLine() {
        assertThat(LogLines.message("I tflite  :")).isEmpty();
        assertThat(LogLines.message("12-07 10:11:12.345  1234  1234 I tflite  : ")).isEmpty();
    }

    @Test
    void message_otherLogcatTagOrBanner_isDropped() {
        assertThat(LogLines.message("12-07 10:11:12.399  2290  2290 I art     : GC freed 2048(96KB)")).isNull();
        assertThat(LogLines.message("W/thermal ( 904): thermal zone at 41.2C")).isNull();
        assertThat(LogLines.message("--------- beginning of main")).isNull();
    }

    @Test
    void message_tfliteInfoPrefixWithOrWithoutLogcat_isStripped() {
        assertThat(LogLines.message("INFO: Operator-wise Profiling Info for Regular Benchmark Runs:"))
                .isEqualTo("Operator-wise Profiling Info for Regular Benchmark Runs:");
        assertThat(LogLines.message("I tflite  : INFO: Timings (microseconds): count=1 curr=3"))
                .isEqualTo("Timings (microseconds): count=1 curr=3");
    }

    @Test
    void message_plainLines_areUnchanged() {
        assertThat(LogLines.message(ROW)).isEqualTo(ROW);
        assertThat(LogLines.message("CONV_2D, 0.066, 87.754, 60.957, 2.066%, 2.066%, 0, 1, [a]:0"))
                .isEqualTo("CONV_2D, 0.066, 87.754, 60.957, 2.066%, 2.066%, 0, 1, [a]:0");
        assertThat(LogLines.message("\uFEFFProfiling Info for Benchmark Initialization:"))
                .isEqualTo("Profiling Info for Benchmark Initialization:");
    }
}
