package dev.snapfusion.studio.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.runner.protocol.BlockTime;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.studio.report.RunFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyTableTest {
    @TempDir
    Path dir;

    private static RunTimings run(double a, double b) {
        return RunFixtures.timings("snapfusion", 2, List.of(new BlockTime("down.0.resnet.0", "down.0", "resnet", a),
                new BlockTime("up.3.resnet.1", "up.3", "resnet", b)), 10, 2);
    }

    @Test
    void fromRuns_threeRuns_medianPerBlockAndProvenance() {
        LatencyTable t = LatencyTable.fromRuns("SER1", List.of(run(3, 9), run(1, 7), run(2, 8)), List.of("r1", "r2", "r3"));
        assertThat(t.blockMs()).containsExactly(java.util.Map.entry("down.0.resnet.0", 2.0), java.util.Map.entry("up.3.resnet.1", 8.0));
        assertThat(t.device()).isEqualTo("Pixel 8 Pro");
        assertThat(t.runtime()).isEqualTo("TFLite 2.16.1 (Java API)");
        assertThat(t.stepMs(t.blockMs().keySet(), List.of("up.3.resnet.1"), 2)).isEqualTo(4.0);
    }

    @Test
    void save_thenFind_sameDeviceAndBundleFoundOthersNot() {
        LatencyTables store = new LatencyTables(dir);
        LatencyTable t = LatencyTable.fromRuns("emulator-5554", List.of(run(3, 9)), List.of("r1"));
        store.save(t);
        assertThat(store.find("emulator-5554", t.bundleId())).contains(t);
        assertThat(store.find("emulator-5554", "other")).isEmpty();
        assertThat(store.find("virtual", t.bundleId())).isEmpty();
    }
}
