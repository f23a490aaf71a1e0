package dev.snapfusion.link;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a benchmark_model run ended. A failed run is a value, not an exception.
 *
 * @param exitCode the tool's exit code; -1 when it timed out or was cancelled
 * @param cancelled stopped by {@link BenchmarkHandle#cancel()}
 * @param outputTail the last (at most 20) lines it printed, stdout and stderr as they came
 * @param output everything it printed, saved as {@value BenchmarkModelClient#OUTPUT_FILE} in {@code localDir}
 * @param csv the pulled {@code --profiling_output_csv_file}, when it ran to the end and wrote one
 */
public record BenchmarkOutcome(int exitCode, boolean timedOut, boolean cancelled, List<String> outputTail, Path output,
                               Optional<Path> csv, Path localDir, Duration elapsed) {
    public BenchmarkOutcome {
        outputTail = List.copyOf(outputTail);
    }

    public boolean success() {
        return exitCode == 0 && !timedOut && !cancelled;
    }
}
