package dev.snapfusion.link;

import dev.snapfusion.runner.protocol.RunnerEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a run on a device ended. A failed run is a value, not an exception.
 *
 * @param exitCode the runner's exit code; -1 when it timed out, was cancelled or the stream broke
 * @param cancelled stopped by {@link RunHandle#cancel()}
 * @param protocolProblems stdout lines that were not runner events, with why
 * @param stderrTail the last (at most 20) stderr lines, for failed runs
 * @param image the pulled image.png in {@code localRunDir}, on success
 * @param timings the pulled timings.json in {@code localRunDir}, on success
 */
public record RunOutcome(int exitCode, boolean timedOut, boolean cancelled, List<RunnerEvent> events, List<String> protocolProblems,
                         List<String> stderrTail, Optional<Path> image, Optional<Path> timings, Path localRunDir,
                         Duration elapsed) {
    public RunOutcome {
        events = List.copyOf(events);
        protocolProblems = List.copyOf(protocolProblems);
        stderrTail = List.copyOf(stderrTail);
    }

    /** An outcome that was not cancelled (the shape before cancel existed; kept for callers and fakes). */
    public RunOutcome(int exitCode, boolean timedOut, List<RunnerEvent> events, List<String> protocolProblems,
                      List<String> stderrTail, Optional<Path> image, Optional<Path> timings, Path localRunDir,
                      Duration elapsed) {
        this(exitCode, timedOut, false, events, protocolProblems, stderrTail, image, timings, localRunDir, elapsed);
    }

    public boolean success() {
        return exitCode == 0 && !timedOut && !cancelled && image.isPresent();
    }
}
