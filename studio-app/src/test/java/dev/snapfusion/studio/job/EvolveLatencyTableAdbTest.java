package dev.snapfusion.studio.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.studio.common.ProgressSink;
import dev.snapfusion.studio.evolution.Evolution;
import dev.snapfusion.studio.evolution.EvolveSpec;
import dev.snapfusion.studio.evolution.LatencyTable;
import dev.snapfusion.studio.evolution.LatencyTables;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no table in the workspace, evolve measures one through the normal generate service (virtual device), then reuses it. */
@Tag("adb")
class EvolveLatencyTableAdbTest {
    @TempDir
    Path tmp;

    @Test
    void latencyTable_noneInWorkspace_oneBlockwiseRunOnVirtualDeviceThenReused() throws Exception {
        try (PrivateAdbServer server = new PrivateAdbServer(tmp.resolve("home"));
             Studio studio = server.studio(tmp.resolve("ws"))) {
            Path bundle = tmp.resolve("sf");
            studio.convert("demo:snapfusion", Quantization.FP32, bundle, ConvertListener.NONE);
            BundleManifest m = Studio.readManifest(bundle);
            EvolveSpec spec = new EvolveSpec(bundle, "virtual", 10, EvolveSpec.DEFAULT_PROMPTS, 1, 2, tmp.resolve("out"));
            LatencyTable t = new Evolution(studio).latencyTable(m, spec, ProgressSink.NONE);
            assertThat(t.bundleId()).isEqualTo(m.id());
            assertThat(t.serial()).isEqualTo("virtual");
            assertThat(t.runtime()).startsWith("TFLite");
            assertThat(t.sources()).hasSize(1);
            assertThat(t.blockMs().keySet()).containsExactlyElementsOf(m.blocks().stream().map(Block::id).toList());
            assertThat(t.blockMs().values()).allSatisfy(ms -> assertThat(ms).isPositive());
            assertThat(new LatencyTables(tmp.resolve("ws")).find("virtual", m.id())).contains(t);
            assertThat(new Evolution(studio).latencyTable(m, spec, ProgressSink.NONE)).isEqualTo(t);
        }
    }
}
