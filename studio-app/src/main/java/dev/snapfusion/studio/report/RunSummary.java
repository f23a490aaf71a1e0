package dev.snapfusion.studio.report;

import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.studio.judge.VariantScore;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One side of a comparison: the runner's timings plus what the studio knows about the run.
 *
 * @param image absolute path of the generated PNG (in the run folder, or beside report.json once written)
 * @param bundleBytes model bundle size on disk, or -1 when unknown
 * @param device device name shown to the user
 * @param opBlockMs the UNet's op-profile time per block id (op_profile.json, docs/op-profile.md); empty without one
 * @param adherence the toy judge's scores (docs/judge.md) of this run's image and of any evaluation runs given with it,
 *                  or null when nothing was judged
 */
public record RunSummary(RunTimings timings, Path image, long bundleBytes, String device, Map<String, Double> opBlockMs,
                         VariantScore adherence) {
    public RunSummary {
        // Ordered (block order) and unmodifiable; Map.copyOf would lose the order.
        opBlockMs = opBlockMs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(opBlockMs));
    }

    /** A run without an op profile. */
    public RunSummary(RunTimings timings, Path image, long bundleBytes, String device) {
        this(timings, image, bundleBytes, device, Map.of(), null);
    }

    /** True when at least one image was judged (its prompt is in the toy grammar). */
    public boolean hasAdherence() {
        return adherence != null && adherence.judged() > 0;
    }

    public boolean hasOpProfile() {
        return !opBlockMs.isEmpty();
    }

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
