package dev.snapfusion.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.studio.report.RunFixtures;
import dev.snapfusion.studio.runs.RunEntry;
import dev.snapfusion.studio.runs.RunIndex;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio runs} and {@code studio runs delete} on a workspace with three indexed runs, one outside it. */
class RunsCommandTest {
    @TempDir
    Path tmp;
    private Path ws;
    private Path inside;
    private Path outside;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--workspace", ws.toString()));
        all.addAll(List.of(args));
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = StudioCli.execute(all.toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static RunEntry entry(String id, Path folder, String created, String prompt, String variant, String serial,
                                  String device) {
        return RunEntry.builder().id(id).created(OffsetDateTime.parse(created)).folder(folder).prompt(prompt)
                .variant(variant).serial(serial).device(device).bundle("demo-" + variant + "-fp32").quantization("fp32")
                .steps(variant.equals("sd15") ? 25 : 8).seed(42).cfg(7.5).runtime("TFLite 2.21.0 (C++ API, JavaCPP)")
                .totalMs(variant.equals("sd15") ? 41000 : 5200).unetMedianStepMs(variant.equals("sd15") ? 1600 : 590).build();
    }

    @BeforeEach
    void threeRuns() throws Exception {
        ws = tmp.resolve("ws");
        inside = RunFixtures.snapFusionRun(ws.resolve("runs/20261207-101500-demo-snapfusion-fp32"));
        outside = RunFixtures.sd15Run(tmp.resolve("elsewhere/sd"));
        RunIndex index = new RunIndex(ws);
        index.add(entry("20261205-090000-000-sd15", ws.resolve("runs/old"), "2026-12-05T09:00:00Z",
                "a lighthouse at dusk", "sd15", "R58M41ABCD", "Google Pixel 8 Pro"));
        index.add(entry("20261207-101500-000-snapfusion", inside, "2026-12-07T10:15:00Z",
                "a photo of an astronaut riding a horse on mars", "snapfusion", "virtual", "virtual device (host CPU, 2 cores)"));
        index.add(entry("20261207-111500-000-sd15", outside, "2026-12-07T11:15:00Z",
                "a photo of an astronaut riding a horse on mars", "sd15", "virtual", "virtual device (host CPU, 2 cores)"));
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    @Test
    void runsJson_threeRuns_newestFirstWithEveryField() throws Exception {
        Run r = run("runs", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(r.out());
        assertThat(ids(a)).containsExactly("20261207-111500-000-sd15", "20261207-101500-000-snapfusion",
                "20261205-090000-000-sd15");
        JsonNode first = a.get(0);
        assertThat(first.get("prompt").asText()).isEqualTo("a photo of an astronaut riding a horse on mars");
        assertThat(first.get("variant").asText()).isEqualTo("sd15");
        assertThat(first.get("device").asText()).isEqualTo("virtual device (host CPU, 2 cores)");
        assertThat(first.get("bundle").asText()).isEqualTo("demo-sd15-fp32");
        assertThat(OffsetDateTime.parse(first.get("created").asText())).isEqualTo(OffsetDateTime.parse("2026-12-07T11:15:00Z"));
        assertThat(first.get("folder").asText()).isEqualTo(outside.toAbsolutePath().toString());
        assertThat(first.get("runtime").asText()).isEqualTo("TFLite 2.21.0 (C++ API, JavaCPP)");
        assertThat(first.get("steps").asInt()).isEqualTo(25);
        assertThat(first.get("total_ms").asDouble()).isEqualTo(41000);
        assertThat(first.get("unet_median_step_ms").asDouble()).isEqualTo(1600);
        for (String field : List.of("negative_prompt", "quantization", "seed", "cfg")) assertThat(first.has(field)).as(field).isTrue();
    }

    @Test
    void runsJson_filters_eachNarrowsTheList() throws Exception {
        ObjectMapper m = new ObjectMapper();
        assertThat(ids(m.readTree(run("runs", "--json", "--prompt", "LIGHTHOUSE").out()))).containsExactly("20261205-090000-000-sd15");
        assertThat(ids(m.readTree(run("runs", "--json", "--variant", "snapfusion").out())))
                .containsExactly("20261207-101500-000-snapfusion");
        assertThat(ids(m.readTree(run("runs", "--json", "--device", "R58M41ABCD").out())))
                .containsExactly("20261205-090000-000-sd15");
        assertThat(ids(m.readTree(run("runs", "--json", "--bundle", "demo-sd15-fp32").out())))
                .containsExactly("20261207-111500-000-sd15", "20261205-090000-000-sd15");
        assertThat(ids(m.readTree(run("runs", "--json", "--since", "2026-12-07T00:00:00Z").out())))
                .containsExactly("20261207-111500-000-sd15", "20261207-101500-000-snapfusion");
        assertThat(ids(m.readTree(run("runs", "--json", "--variant", "sd15", "--device", "virtual").out())))
                .containsExactly("20261207-111500-000-sd15");
    }

    @Test
    void runs_plain_readableTableWithHeaderAndOneRowPerRun() {
        Run r = run("runs");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("ID").contains("CREATED", "VARIANT", "DEVICE", "BUNDLE", "PROMPT");
        assertThat(lines.get(1)).startsWith("20261207-111500-000-sd15").contains("sd15", "41,000 ms", "a photo of an astronaut");
        assertThat(lines.get(3)).startsWith("20261205-090000-000-sd15").contains("Google Pixel 8 Pro", "a lighthouse at dusk");
    }

    @Test
    void runs_sinceNotADate_exit2NamingIt() {
        Run r = run("runs", "--since", "yesterday");
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains("--since yesterday").doesNotContain("Exception");
    }

    @Test
    void runs_damagedEntry_warnsOnStderrAndListsTheRest() throws Exception {
        Path bad = new RunIndex(ws).dir().resolve("broken.json");
        Files.writeString(bad, "{\"id\":\"broken\",\"pro");
        Run r = run("runs", "--json");
        assertThat(r.code()).isZero();
        assertThat(ids(new ObjectMapper().readTree(r.out()))).hasSize(3);
        assertThat(r.err()).contains("warning: skipped " + bad);
    }

    @Test
    void runsDelete_folderInsideWorkspace_removesFolderAndEntry() {
        Run r = run("runs", "delete", "20261207-101500-000-snapfusion");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Deleted run 20261207-101500-000-snapfusion and its folder");
        assertThat(inside).doesNotExist();
        assertThat(run("runs", "--json").out()).doesNotContain("20261207-101500-000-snapfusion");
    }

    @Test
    void runsDelete_folderOutsideWorkspace_removesOnlyTheEntryAndSaysSo() {
        Run r = run("runs", "delete", "20261207-111500-000-sd15");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("outside the workspace", outside.toAbsolutePath().toString());
        assertThat(outside.resolve("image.png")).isRegularFile();
        assertThat(run("runs", "--json").out()).doesNotContain("20261207-111500-000-sd15");
    }

    @Test
    void runsDelete_keepFiles_keepsTheFolderInsideWorkspace() {
        Run r = run("runs", "delete", "20261207-101500-000-snapfusion", "--keep-files");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(inside.resolve("image.png")).isRegularFile();
        assertThat(run("runs", "--json").out()).doesNotContain("20261207-101500-000-snapfusion");
    }

    @Test
    void runsDelete_unknownId_exit2NamingTheIdAndNothingDeleted() throws Exception {
        Run r = run("runs", "delete", "20991231-no-such-run");
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains("error: no run with id '20991231-no-such-run'", "studio runs")
                .doesNotContain("Exception");
        assertThat(ids(new ObjectMapper().readTree(run("runs", "--json").out()))).hasSize(3);
        assertThat(inside).isDirectory();
    }

    @Test
    void runs_emptyWorkspace_saysHowToMakeOne() {
        ws = tmp.resolve("fresh");
        Run r = run("runs");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("no runs yet", "studio generate");
        assertThat(run("runs", "--json").out().trim()).isEqualTo("[ ]");
    }
}
