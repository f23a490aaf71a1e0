package dev.snapfusion.studio.evolution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's Algorithm 1 (arXiv 2306.00980, §3.2) without its fine-tuning: rank each removal by importance lost per
 * millisecond saved, then remove the lowest-value block, re-measure quality with every removed block skipped together,
 * recompute latency from the table, and repeat until the per-step target is met. Values are ranked once, from
 * single-block probes; each path step costs one more measurement. Not thread-safe.
 */
public final class GreedySearch {
    /** Per-step cost and FLOPs of the UNet with some blocks removed. */
    public interface Cost {
        double stepMs(List<String> removed);

        long stepFlops(List<String> removed);
    }

    /** The ranked actions and the path taken; {@code reached} is false when nothing skippable was left first. */
    public record Result(List<Action> actions, List<PathStep> path, double beforeMs, long beforeFlops, boolean reached) {
        public double afterMs() {
            return path.isEmpty() ? beforeMs : path.get(path.size() - 1).latencyMs();
        }

        public List<String> removed() {
            return path.isEmpty() ? List.of() : path.get(path.size() - 1).removedSoFar();
        }
    }

    /** Listens to the search: one call per single-block probe, then one per path step. */
    public interface Listener {
        Listener NONE = new Listener() { };

        default void probed(int done, int total, String block) {
        }

        default void stepped(PathStep step) {
        }
    }

    private final Cost cost;
    private final QualityFunction quality;

    public GreedySearch(Cost cost, QualityFunction quality) {
        this.cost = cost;
        this.quality = quality;
    }

    /** Every candidate ranked, best removal (lowest value) first; ties keep the candidates' order. */
    public List<Action> rank(List<String> candidates, Listener listener) {
        double full = cost.stepMs(List.of());
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            String b = candidates.get(i);
            listener.probed(i, candidates.size(), b);
            actions.add(Action.of(b, full - cost.stepMs(List.of(b)), quality.measure(List.of(b))));
        }
        listener.probed(candidates.size(), candidates.size(), "");
        actions.sort(Comparator.comparingDouble(Action::value));
        return actions;
    }

    public Result run(List<String> candidates, double targetMs, Listener listener) {
        List<Action> ranked = rank(candidates, listener);
        Map<String, Action> byBlock = new LinkedHashMap<>();
        ranked.forEach(a -> byBlock.put(a.block(), a));
        double before = cost.stepMs(List.of());
        List<String> removed = new ArrayList<>();
        List<PathStep> path = new ArrayList<>();
        double latency = before;
        for (Action next : ranked) {
            if (latency <= targetMs) break;
            removed.add(next.block());
            latency = cost.stepMs(removed);
            Quality q = removed.size() == 1 ? next.quality() : quality.measure(List.copyOf(removed));
            PathStep step = new PathStep(next.block(), removed, latency, cost.stepFlops(removed), q);
            path.add(step);
            listener.stepped(step);
        }
        return new Result(ranked, path, before, cost.stepFlops(List.of()), latency <= targetMs);
    }
}
