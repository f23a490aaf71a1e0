package dev.snapfusion.studio.evolution;

import java.util.List;

/**
 * One step of the greedy path.
 *
 * @param removed the block removed at this step
 * @param removedSoFar every block removed up to and including this step, in order
 * @param latencyMs per denoising step, from the latency table
 * @param quality re-measured with every block of {@code removedSoFar} skipped together
 */
public record PathStep(String removed, List<String> removedSoFar, double latencyMs, long flops, Quality quality) {
    public PathStep {
        removedSoFar = List.copyOf(removedSoFar);
    }
}
