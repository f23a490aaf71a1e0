package dev.snapfusion.studio.event;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A run folder was opened (History → Open); the Generate page shows its image and timings. Publish it after
 * {@code NavigateEvent(GENERATE)}, which builds the page on its first visit.
 */
public record RunOpenedEvent(Path runDir) {
    public RunOpenedEvent {
        Objects.requireNonNull(runDir, "runDir");
    }
}
