package dev.snapfusion.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio ops import}: the JSON shape, the block table, and user errors on the sample files of test resources ops/. */
class OpsImportCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Path sample(String name) {
        try {
            return Path.of(OpsImportCommandTest.class.getResource("/ops/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--workspace";
            all[1] = dir.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            int code = StudioCli.execute(all);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void opsImport_tabProfileWithBundle_jsonHasOpsByTypeTotalAndByBlock() throws Exception {
        Run r = run("ops", "import", sample("tab-with-start.txt").toString(), "--bundle", sample("bundle").toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out().trim());
        assertThat(j.fieldNames()).toIterable().containsExactly("file", "layout", "total_ms", "total_from", "ops", "init_ops",
                "delegate_ops", "by_type", "by_block");
        assertThat(j.get("layout").asText()).isEqualTo("text-start");
        assertThat(j.get("total_ms").asDouble()).isEqualTo(505.601);
        assertThat(j.get("total_from").asText()).isEqualTo("timings");
        JsonNode first = j.get("ops").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("type", "name", "avg_ms", "first_ms", "times_called", "block");
        assertThat(first.get("type").asText()).isEqualTo("CONV_2D");
        assertThat(first.get("name").asText()).isEqualTo("[stem.conv_in/t0]:0");
        assertThat(first.get("avg_ms").asDouble()).isEqualTo(4.807);
        assertThat(first.get("first_ms").asDouble()).isEqualTo(4.912);
        assertThat(first.get("times_called").asLong()).isEqualTo(1);
        assertThat(first.get("block").asText()).isEqualTo("stem.conv_in");
        // A DEQUANTIZE writes the weight's diffusers name; "[out]" names no block.
        assertThat(j.get("ops").get(3).get("block").asText()).isEqualTo("down.0.resnet.0");
        assertThat(j.get("ops").get(17).has("block")).isFalse();
        assertThat(j.get("ops")).hasSize(18);
        assertThat(j.get("init_ops")).hasSize(1);
        assertThat(j.get("delegate_ops")).isEmpty();
        JsonNode type0 = j.get("by_type").get(0);
        assertThat(type0.get("type").asText()).isEqualTo("BATCH_MATMUL");
        assertThat(type0.get("count").asLong()).isEqualTo(3);
        assertThat(type0.get("avg_ms").asDouble()).isEqualTo(316.35);
        assertThat(type0.get("percent").asDouble()).isEqualTo(62.569);
        JsonNode blocks = j.get("by_block");
        assertThat(blocks.findValuesAsText("block")).containsExactly("stem.time_embedding", "stem.conv_in", "down.0.resnet.0",
                "down.0.cross_attention.0", "down.0.downsample", "mid.resnet.1", "up.2.resnet.0", "up.2.cross_attention.1", "unattributed");
        JsonNode ca = blocks.get(3);
        assertThat(ca.get("kind").asText()).isEqualTo("cross_attention");
        assertThat(ca.get("ms").asDouble()).isEqualTo(11.876 + 147.808 + 49.87 + 131.002 + 22.104, within(1e-6));
        assertThat(ca.get("ops").asInt()).isEqualTo(5);
        // Of the summed ops (505.601 ms here), so the shares of all rows add up to 1.
        assertThat(ca.get("share").asDouble()).isCloseTo(362.66 / 505.601, within(1e-6));
        assertThat(blocks.get(2).get("ms").asDouble()).isEqualTo(0.377 + 2 * 3.702 + 0.081 + 60.957 + 1.498,
                within(1e-6));
    }

    @Test
    void opsImport_logcatWithBundle_tableShowsBlocksAndTheDelegateAsOneOpaqueRow() {
        Run r = run("ops", "import", sample("padded-logcat.txt").toString(), "--bundle", sample("bundle").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("padded-logcat.txt (text): 6 ops, 3 node types; 623.730 ms per run (from timings)")
                .contains("initialization: 2 ops, 2087.150 ms, kept out of the run numbers")
                .containsPattern("down\\.1\\.cross_attention\\.0\\s+cross_attention\\s+2\\.880\\s+0\\.5%\\s+1")
                .containsPattern("up\\.2\\.cross_attention\\.1\\s+cross_attention\\s+30\\.353\\s+4\\.9%\\s+2")
                .containsPattern("TfLiteXNNPackDelegate\\s+delegate\\s+590\\.534\\s+94\\.7%\\s+3  its ops are hidden inside the delegate")
                .doesNotContain("unattributed");
    }

    @Test
    void opsImport_summaryOnlyJsonWithoutBundle_opsAreEmptyListsAndNoByBlock() throws Exception {
        Run r = run("ops", "import", sample("summary-only.txt").toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out().trim());
        assertThat(j.get("ops").isArray()).isTrue();
        assertThat(j.get("ops")).isEmpty();
        assertThat(j.get("init_ops")).isEmpty();
        assertThat(j.get("by_type")).hasSize(5);
        assertThat(j.get("total_ms").asDouble()).isEqualTo(812.894);
        assertThat(j.has("by_block")).isFalse();
    }

    @Test
    void opsImport_garbageOrEmptyFile_exitsTwoNamingTheFileWithoutAStackTrace() {
        for (String name : new String[] {"garbage.txt", "empty.txt", "no-profile.txt"}) {
            Run r = run("ops", "import", sample(name).toString(), "--json");
            assertThat(r.code()).as(name).isEqualTo(StudioCli.EXIT_USER_ERROR);
            assertThat(r.err()).as(name).startsWith("error: " + sample(name)).contains("--enable_op_profiling=true").doesNotContain("\tat ");
            assertThat(r.out()).as(name).isEmpty();
        }
    }

    @Test
    void opsImport_bundleFolderWithoutManifest_exitsTwoSayingItIsNotABundle() {
        Run r = run("ops", "import", sample("profile.csv").toString(), "--bundle", dir.toString());
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains(dir.toString(), "is not a bundle");
    }
}
