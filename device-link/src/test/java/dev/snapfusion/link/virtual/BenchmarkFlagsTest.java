package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** benchmark_model's flags as the emulation takes them: the real defaults, the real spellings, and refusals. */
class BenchmarkFlagsTest {
    @Test
    void parse_graphOnly_realToolDefaults() throws Exception {
        BenchmarkFlags f = BenchmarkFlags.parse(List.of("--graph=/data/local/tmp/m.tflite"));
        assertThat(f).isEqualTo(new BenchmarkFlags("/data/local/tmp/m.tflite", -1, 50, 1.0, 150.0, 1, 0.5, false, "",
                Optional.empty(), 1024));
        assertThat(f.threads()).isEqualTo(1);
        assertThat(f.xnnpack()).as("TFLite applies XNNPACK unless told not to").isTrue();
        assertThat(f.devicePaths()).containsExactly("/data/local/tmp/m.tflite");
    }

    @Test
    void parse_everyFlagTheStudioPasses_read() throws Exception {
        BenchmarkFlags f = BenchmarkFlags.parse(List.of("--graph=/g.tflite", "--num_threads=4", "--num_runs=10", "--use_xnnpack=false",
                "--enable_op_profiling=true", "--max_profiling_buffer_entries=100000", "--profiling_output_csv_file=/o/ops.csv",
                "--min_secs=0", "--warmup_runs=2", "--warmup_min_secs=0.25", "--max_secs=9"));
        assertThat(f).isEqualTo(new BenchmarkFlags("/g.tflite", 4, 10, 0.0, 9.0, 2, 0.25, true, "/o/ops.csv", Optional.of(false), 100000));
        assertThat(f.devicePaths()).containsExactly("/g.tflite", "/o/ops.csv");
    }

    @Test
    void parse_boolAsDigit_readAsTheToolDoes() throws Exception {
        assertThat(BenchmarkFlags.parse(List.of("--graph=/g", "--enable_op_profiling=1")).enableOpProfiling()).isTrue();
    }

    @Test
    void parse_badNumber_failedToParseNamingFlagAndArgument() {
        assertThatThrownBy(() -> BenchmarkFlags.parse(List.of("--graph=/g", "--num_runs=ten")))
                .hasMessage("ERROR: Failed to parse flag 'num_runs' against argv '--num_runs=ten'");
        assertThatThrownBy(() -> BenchmarkFlags.parse(List.of("--graph=/g", "--use_xnnpack=yes")))
                .hasMessageContaining("'use_xnnpack'");
    }

    @Test
    void parse_unknownAndBareArguments_unconsumedError() {
        assertThatThrownBy(() -> BenchmarkFlags.parse(List.of("--graph=/g", "--use_gpu=true", "extra", "--enable_op_profiling")))
                .hasMessageStartingWith("ERROR: Unconsumed cmdline flags: --use_gpu=true extra --enable_op_profiling\n")
                .hasMessageContaining("only warns");
    }

    @Test
    void parse_noGraphOrZeroThreads_refused() {
        assertThatThrownBy(() -> BenchmarkFlags.parse(List.of("--num_runs=3")))
                .hasMessage("ERROR: Please specify the name of your TF Lite input file with --graph");
        assertThatThrownBy(() -> BenchmarkFlags.parse(List.of("--graph=/g", "--num_threads=0"))).hasMessageContaining("num_threads");
    }
}
