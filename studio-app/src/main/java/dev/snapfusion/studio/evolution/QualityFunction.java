package dev.snapfusion.studio.evolution;

import java.util.List;

/** Quality of the pipeline with {@code skipped} blocks replaced by identity, against the full model. */
@FunctionalInterface
public interface QualityFunction {
    Quality measure(List<String> skipped);
}
