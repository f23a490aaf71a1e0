package dev.snapfusion.studio.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockDeltaTest {
    @Test
    void rows_joinBlocksOfBothRuns_missingBlocksCountAsZeroInTheDelta(@TempDir Path dir) throws Exception {
        ComparisonReport r = ComparisonReport.fromRunDirs(RunFixtures.snapFusionRun(dir.resolve("sf")), RunFixtures.sd15Run(dir.resolve("sd")));
        List<BlockDelta> rows = BlockDelta.of(r);
        var sfBlocks = r.runs().get(0).timings().blocks();
        var sdBlocks = r.runs().get(1).timings().blocks();
        // every block of either run once
        assertThat(rows).extracting(BlockDelta::block).doesNotHaveDuplicates();
        assertThat(rows).extracting(BlockDelta::block).containsAll(sfBlocks.stream().map(b -> b.id()).toList())
                .containsAll(sdBlocks.stream().map(b -> b.id()).toList());
        // SD-v1.5 has cross-attention in down.0; SnapFusion does not: NaN for SnapFusion, delta = all of SD's time
        BlockDelta removed = rows.stream().filter(d -> d.block().equals("down.0.attentions.0")).findFirst().orElseThrow();
        assertThat(removed.firstMs()).isNaN();
        assertThat(removed.deltaMs()).isEqualTo(removed.secondMs()).isPositive();
        assertThat(removed.kind()).isEqualTo("cross_attention");
        assertThat(removed.stage()).isEqualTo("down.0");
        // shares add up to 100 % per run
        assertThat(rows.stream().mapToDouble(BlockDelta::firstShare).filter(Double::isFinite).sum()).isCloseTo(100, within(1e-9));
        assertThat(rows.stream().mapToDouble(BlockDelta::secondShare).filter(Double::isFinite).sum()).isCloseTo(100, within(1e-9));
        // a shared block: delta = second − first
        BlockDelta convIn = rows.stream().filter(d -> d.block().equals("conv_in")).findFirst().orElseThrow();
        assertThat(convIn.deltaMs()).isCloseTo(convIn.secondMs() - convIn.firstMs(), within(1e-12));
    }
}
