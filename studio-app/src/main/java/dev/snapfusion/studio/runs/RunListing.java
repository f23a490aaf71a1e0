package dev.snapfusion.studio.runs;

import java.util.List;

/**
 * The runs of the index, newest first, and one warning per entry that could not be read (each names its file).
 * A damaged entry never hides the others.
 */
public record RunListing(List<RunEntry> runs, List<String> warnings) {
    public RunListing {
        runs = List.copyOf(runs);
        warnings = List.copyOf(warnings);
    }
}
