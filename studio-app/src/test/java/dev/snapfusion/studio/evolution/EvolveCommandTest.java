package dev.snapfusion.studio.evolution;

import static dev.snapfusion.studio.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.studio.cli.CliRun;
import dev.snapfusion.studio.cli.StudioCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code studio evolve} end to end on the demo bundle: probes run through the runner's Pipeline in-process, 2 steps, one
 * prompt, one seed. The workspace holds a latency table made here (block time ∝ FLOPs), so no device is needed.
 */
class EvolveCommandTest {
    @TempDir
    static Path dir;
    static Path bundle;
    static Path workspace;
    static double fullMs;

    @BeforeAll
    static void seedLatencyTable() throws Exception {
        bundle = DemoBundle.path();
        BundleManifest m = DemoBundle.manifest();
        workspace = dir.resolve("ws");
        Map<String, Double> ms = new LinkedHashMap<>();
        for (Block b : m.blocks()) ms.put(b.id(), b.flops() / 1e7);
        new LatencyTables(workspace).save(new LatencyTable("virtual", "test host", m.id(), "TFLite test", "2026-12-07T00:00:00Z",
                List.of(), ms));
        fullMs = 2 * ms.values().stream().mapToDouble(Double::doubleValue).sum();
        Files.writeString(dir.resolve("prompts.txt"), "a red circle on a blue background\n\n");
    }

    private static CliRun evolve(double targetMs, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--workspace", workspace.toString(), "evolve", "--bundle", bundle.toString(),
                "--device", "virtual", "--target-ms", Double.toString(targetMs), "--prompts", dir.resolve("prompts.txt").toString(),
                "--seeds", "1", "--steps", "2", "--out", dir.resolve("presets").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void evolve_demoBundleJson_rankedActionsPathPresetLatencyAndFlops() throws Exception {
        double target = 0.9 * fullMs;
        CliRun r = evolve(target, "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/latency_table/device").asText()).isEqualTo("test host");
        JsonNode actions = j.get("actions");
        assertThat(actions.size()).isEqualTo(j.get("skippable").size()).isGreaterThan(10);
        double lastValue = -1;
        for (JsonNode a : actions) {
            assertThat(a.has("block") && a.has("ms_saved") && a.has("importance") && a.has("value")).as(a.toString()).isTrue();
            assertThat(a.get("value").asDouble()).isGreaterThanOrEqualTo(lastValue);
            lastValue = a.get("value").asDouble();
        }
        JsonNode path = j.get("path");
        assertThat(path.size()).isPositive();
        assertThat(path.get(0).get("removed").asText()).isEqualTo(actions.get(0).get("block").asText());
        for (JsonNode s : path) assertThat(s.has("latency_ms") && s.at("/quality/ssim").isNumber()).as(s.toString()).isTrue();
        assertThat(j.at("/latency_ms/before").asDouble()).isCloseTo(fullMs, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(j.at("/latency_ms/after").asDouble()).isLessThanOrEqualTo(target);
        assertThat(j.at("/flops/after").asLong()).isLessThan(j.at("/flops/before").asLong());
        Path preset = Path.of(j.get("preset").asText());
        assertThat(preset).isRegularFile();
        assertThat(Presets.read(preset).unet().stages()).isNotNull();
        assertThat(j.get("fixed").toString()).contains("stem.conv_in");
    }

    @Test
    void evolve_targetBelowFixedBlocks_exit2NotReachable() {
        CliRun r = evolve(1e-3);
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains("target not reachable: best").contains("ms per step after removing all").doesNotContain("at dev.");
    }

    @Test
    void evolve_noBundle_exit2NamingFolder() {
        CliRun r = run("--workspace", workspace.toString(), "evolve", "--bundle", dir.resolve("nope").toString(), "--device", "virtual",
                "--target-ms", "10");
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains("nope").contains("not a bundle");
    }
}
