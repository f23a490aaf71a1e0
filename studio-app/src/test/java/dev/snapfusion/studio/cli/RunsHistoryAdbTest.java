package dev.snapfusion.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.runner.bundle.ManifestCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real {@code studio generate --out} outside the workspace (own JVM, virtual device, private adb server) lands in the
 * history that a later process lists with {@code studio runs}; deleting it keeps the folder.
 */
@Tag("adb")
class RunsHistoryAdbTest extends StudioProcessHarness {
    @Test
    void generate_outOutsideWorkspace_listedByRunsInANewProcessAndDeleteKeepsTheFolder() throws Exception {
        assumeTrue(Files.isExecutable(ADB), "adb not installed");
        Files.createDirectories(tmp.resolve("home"));
        port = freePort();
        Path bundle = tmp.resolve("sf");
        BundleConverter.convert("demo:snapfusion", Quantization.FP32, bundle, ConvertListener.NONE);
        Path out = tmp.resolve("elsewhere/run");

        Result g = studio("generate", "--device", "virtual", "--bundle", bundle.toString(), "--prompt", "a red fox in snow",
                "--steps", "2", "--seed", "7", "--out", out.toString());
        assertThat(g.code()).as(g.err()).isZero();

        Result r = studio("runs", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode runs = new ObjectMapper().readTree(r.out());
        assertThat(runs).hasSize(1);
        JsonNode e = runs.get(0);
        assertThat(e.get("id").asText()).matches("\\d{8}-\\d{6}-\\d{3}-snapfusion");
        assertThat(e.get("prompt").asText()).isEqualTo("a red fox in snow");
        assertThat(e.get("variant").asText()).isEqualTo("snapfusion");
        assertThat(e.get("serial").asText()).isEqualTo("virtual");
        assertThat(e.get("device").asText()).startsWith("virtual device");
        assertThat(e.get("bundle").asText()).isEqualTo(ManifestCodec.read(bundle.resolve("manifest.json")).id());
        assertThat(e.get("steps").asInt()).isEqualTo(2);
        assertThat(e.get("seed").asLong()).isEqualTo(7);
        assertThat(e.get("runtime").asText()).startsWith("TFLite");
        assertThat(e.get("folder").asText()).isEqualTo(out.toAbsolutePath().toString());
        assertThat(e.get("total_ms").asDouble()).isPositive();
        assertThat(e.get("unet_median_step_ms").asDouble()).isPositive();

        Result d = studio("runs", "delete", e.get("id").asText());
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(d.out()).contains("outside the workspace");
        assertThat(out.resolve("image.png")).isNotEmptyFile();
        assertThat(studio("runs", "--json").out().trim()).isEqualTo("[ ]");
    }
}
