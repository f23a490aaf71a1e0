package dev.snapfusion.studio.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageBreakdownTest {
    @TempDir
    Path tmp;

    @Test
    void of_fixtureRuns_sumsBlocksPerStageAndKindInUNetOrder() throws Exception {
        ComparisonReport r = ComparisonReport.fromRunDirs(RunFixtures.snapFusionRun(tmp.resolve("sf")),
                RunFixtures.sd15Run(tmp.resolve("sd")));

        StageBreakdown b = r.stageBreakdown();

        assertThat(b.stages()).containsExactlyElementsOf(StageBreakdown.STAGE_ORDER);
        assertThat(b.kinds()).containsExactly("cross_attention", "resnet", "downsample", "upsample", "stem");
        // SnapFusion drops cross-attention in down.0 and has 6 in up.1 (Table 3); SD-v1.5 has 2 and 3.
        assertThat(b.ms(0, "down.0", "cross_attention")).isZero();
        assertThat(b.ms(1, "down.0", "cross_attention")).isCloseTo(2 * 110 * 1.35, within(1e-9));
        assertThat(b.ms(0, "up.1", "cross_attention")).isCloseTo(6 * 14 * 0.34, within(1e-9));
        double sum = r.runs().get(1).timings().blocks().stream().mapToDouble(t -> t.ms()).sum();
        double stages = b.stages().stream().mapToDouble(s -> b.stageTotal(1, s)).sum();
        assertThat(stages).isCloseTo(sum, within(1e-9));
    }
}
