package dev.snapfusion.studio.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.snapfusion.studio.common.StudioError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ranking and the greedy loop on a synthetic latency table and a fake, deterministic quality function. */
class GreedySearchTest {
    /** D is fixed; two UNet passes per step (guidance). */
    private static final Map<String, Double> MS = new LinkedHashMap<>(Map.of("A", 10.0, "B", 20.0, "C", 5.0, "D", 40.0));
    private static final List<String> CANDIDATES = List.of("A", "B", "C");
    private static final LatencyTable LUT = new LatencyTable("phone", "Pixel 8", "b1", "TFLite 2.16.1 (Java API)", "2026-12-07T00:00:00Z",
            List.of(), new LinkedHashMap<>(Map.of("A", 10.0, "B", 20.0, "C", 5.0, "D", 40.0)));
    private final List<List<String>> measured = new ArrayList<>();

    /** Importance 0.1 for A and B alone, 0.2 for C; together the distances add up. */
    private Quality fake(List<String> skipped) {
        measured.add(List.copyOf(skipped));
        double d = 0;
        for (String b : skipped) d += b.equals("C") ? 0.2 : 0.1;
        return new Quality(1 - d, 30, 1 - d);
    }

    private GreedySearch search() {
        GreedySearch.Cost cost = new GreedySearch.Cost() {
            @Override
            public double stepMs(List<String> removed) {
                return LUT.stepMs(MS.keySet(), removed, 2);
            }

            @Override
            public long stepFlops(List<String> removed) {
                return (long) stepMs(removed) * 1000;
            }
        };
        return new GreedySearch(cost, this::fake);
    }

    @Test
    void rank_syntheticTable_lowestImportancePerMsFirst() {
        List<Action> ranked = search().rank(CANDIDATES, GreedySearch.Listener.NONE);
        // values: B 0.1/40 = 0.0025, A 0.1/20 = 0.005, C 0.2/10 = 0.02
        assertThat(ranked).extracting(Action::block).containsExactly("B", "A", "C");
        assertThat(ranked.get(0).msSaved()).isEqualTo(40.0);
        assertThat(ranked.get(0).value()).isCloseTo(0.0025, within(1e-12));
    }

    @Test
    void run_target100_removesBThenAAndRemeasuresTogether() {
        GreedySearch.Result r = search().run(CANDIDATES, 100, GreedySearch.Listener.NONE);
        // before: 2 × 75 = 150; -B → 110 (> 100); -A → 90 (≤ 100): stop
        assertThat(r.beforeMs()).isEqualTo(150.0);
        assertThat(r.path()).extracting(PathStep::removed).containsExactly("B", "A");
        assertThat(r.path()).extracting(PathStep::latencyMs).containsExactly(110.0, 90.0);
        assertThat(r.reached()).isTrue();
        assertThat(r.removed()).containsExactly("B", "A");
        assertThat(measured).contains(List.of("B", "A"));
        assertThat(r.path().get(1).quality().importance()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void run_targetAboveFullModel_removesNothing() {
        GreedySearch.Result r = search().run(CANDIDATES, 200, GreedySearch.Listener.NONE);
        assertThat(r.path()).isEmpty();
        assertThat(r.afterMs()).isEqualTo(150.0);
        assertThat(r.reached()).isTrue();
    }

    @Test
    void run_targetBelowFixedBlocks_removesEverythingAndReportsNotReached() {
        GreedySearch.Result r = search().run(CANDIDATES, 50, GreedySearch.Listener.NONE);
        assertThat(r.removed()).containsExactly("B", "A", "C");
        assertThat(r.afterMs()).isEqualTo(80.0);
        assertThat(r.reached()).isFalse();
    }

    @Test
    void checkReachable_targetBelowFixedBlocks_namesBestLatencyAndRemovals() {
        GreedySearch.Cost cost = new GreedySearch.Cost() {
            @Override
            public double stepMs(List<String> removed) {
                return LUT.stepMs(MS.keySet(), removed, 2);
            }

            @Override
            public long stepFlops(List<String> removed) {
                return 0;
            }
        };
        SkipCandidates c = new SkipCandidates(CANDIDATES, Map.of("D", "a stem block"));
        assertThatThrownBy(() -> Evolution.checkReachable(50, c, cost)).isInstanceOf(StudioError.class)
                .hasMessageStartingWith("target not reachable: best 80.0 ms per step after removing all 3 skippable blocks (A, B, C)");
    }
}
