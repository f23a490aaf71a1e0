package dev.snapfusion.studio.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What the caller knows about a run that the run folder does not record.
 *
 * @param bundleBytes total size of the model bundle on disk, or -1 when unknown
 * @param device human name of the device, or null to keep the one the runner wrote into timings.json
 * @param judgeRuns more run folders of the same bundle (the demo's evaluation prompts) whose images count towards the
 *                  run's prompt adherence, beside the run's own image
 */
public record RunExtras(long bundleBytes, String device, List<Path> judgeRuns) {
    public static final RunExtras NONE = new RunExtras(-1, null);

    public RunExtras {
        if (bundleBytes < -1) throw new IllegalArgumentException("bundleBytes must be >= 0 or -1, got " + bundleBytes);
        judgeRuns = judgeRuns == null ? List.of() : List.copyOf(judgeRuns);
    }

    public RunExtras(long bundleBytes, String device) {
        this(bundleBytes, device, List.of());
    }
}
