package dev.snapfusion.studio.generate;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A finished run in this session's history.
 *
 * @param dir the local run folder (image.png, timings.json, events.jsonl)
 * @param label one line for people: bundle, steps, seed, total time
 */
record RunRecord(Path dir, String label) {
    RunRecord {
        Objects.requireNonNull(dir, "dir");
    }

    @Override
    public String toString() {
        return label;
    }
}
