package dev.snapfusion.studio.compare;

import dev.snapfusion.runner.protocol.RunTimings;
import java.nio.file.Path;

/**
 * One side of a comparison: the runner's timings plus what the studio knows about the run.
 *
 * @param image absolute path of the generated PNG (in the run folder, or beside report.json once written)
 * @param bundleBytes model bundle size on disk, or -1 when unknown
 * @param device device name shown to the user
 */
public record RunSummary(RunTimings timings, Path image, long bundleBytes, String device) {

    public String variant() {
        return timings.variant();
    }

    /** Name a person reads ("SnapFusion", "SD-v1.5"); unknown variants are shown as written. */
    public String displayName() {
        return Variants.displayName(timings.variant());
    }

    public double unetMedianStepMs() {
        return timings.medianUnetStepMs();
    }

    public double unetTotalMs() {
        return timings.unetPerStepMs().stream().mapToDouble(Double::doubleValue).sum();
    }
}
