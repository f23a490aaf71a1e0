package dev.snapfusion.studio.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace's run history on disk: round trip, order, damaged entries and what delete may remove. */
class RunIndexTest {
    @TempDir
    Path tmp;

    static RunEntry entry(String id, Path folder, String created, String prompt) {
        return RunEntry.builder().id(id).created(OffsetDateTime.parse(created)).folder(folder).prompt(prompt)
                .negativePrompt("blurry").variant("snapfusion").device("Google Pixel 8 Pro").serial("R58M41ABCD")
                .bundle("demo-snapfusion-fp16").quantization("fp16").steps(8).seed(42).cfg(7.5)
                .runtime("TFLite 2.21.0 (C++ API, JavaCPP)").totalMs(1934.5).unetMedianStepMs(231.25).build();
    }

    private Path ws() {
        return tmp.resolve("ws");
    }

    @Test
    void add_thenList_roundTripsEveryField() throws Exception {
        RunIndex index = new RunIndex(ws());
        RunEntry e = entry("20261207-143012-345-snapfusion", ws().resolve("runs/a"), "2026-12-07T14:30:12.345+01:00",
                "a \"quoted\" prompt\nwith a newline, ünïcödé");
        index.add(e);

        RunListing l = new RunIndex(ws()).list();
        assertThat(l.warnings()).isEmpty();
        assertThat(l.runs()).containsExactly(e);
        RunEntry back = l.runs().get(0);
        assertThat(back.prompt()).isEqualTo("a \"quoted\" prompt\nwith a newline, ünïcödé");
        assertThat(back.created()).isEqualTo(OffsetDateTime.parse("2026-12-07T14:30:12.345+01:00"));
        assertThat(back.folder()).isEqualTo(ws().resolve("runs/a").toAbsolutePath());
        assertThat(back.totalMs()).isEqualTo(1934.5);
        assertThat(back.unetMedianStepMs()).isEqualTo(231.25);
        assertThat(Files.readString(index.dir().resolve("20261207-143012-345-snapfusion.json")))
                .contains("\"runtime\":\"TFLite 2.21.0 (C++ API, JavaCPP)\"", "\"unet_median_step_ms\":231.25");
    }

    @Test
    void add_unknownTimes_storedAsNullAndReadBackAsNaN() throws Exception {
        RunIndex index = new RunIndex(ws());
        index.add(RunEntry.builder().id("r1").created(OffsetDateTime.now()).folder(ws().resolve("runs/r1")).build());
        assertThat(Files.readString(index.dir().resolve("r1.json"))).contains("\"total_ms\":null");
        RunEntry back = index.list().runs().get(0);
        assertThat(back.totalMs()).isNaN();
        assertThat(back.cfg()).isNaN();
    }

    @Test
    void list_threeRuns_newestFirstWhateverTheFileOrder() throws Exception {
        RunIndex index = new RunIndex(ws());
        index.add(entry("b", tmp.resolve("b"), "2026-12-07T10:00:00Z", "middle"));
        index.add(entry("c", tmp.resolve("c"), "2026-12-06T10:00:00Z", "oldest"));
        // Same instant as "b" in another zone, one minute later.
        index.add(entry("a", tmp.resolve("a"), "2026-12-07T11:01:00+01:00", "newest"));
        assertThat(index.list().runs()).extracting(RunEntry::prompt).containsExactly("newest", "middle", "oldest");
    }

    @Test
    void add_idTaken_getsNumberedSuffixAndKeepsBoth() throws Exception {
        RunIndex index = new RunIndex(ws());
        RunEntry first = index.add(entry("same", tmp.resolve("one"), "2026-12-07T10:00:00Z", "one"));
        RunEntry second = index.add(entry("same", tmp.resolve("two"), "2026-12-07T10:00:00Z", "two"));
        assertThat(first.id()).isEqualTo("same");
        assertThat(second.id()).isEqualTo("same-2");
        assertThat(index.list().runs()).extracting(RunEntry::id).containsExactlyInAnyOrder("same", "same-2");
    }

    @Test
    void add_idWithSlashes_becomesOneFileInsideTheIndex() throws Exception {
        RunIndex index = new RunIndex(ws());
        RunEntry stored = index.add(entry("../../evil/x", tmp.resolve("x"), "2026-12-07T10:00:00Z", "p"));
        assertThat(stored.id()).doesNotContain("/");
        try (var files = Files.list(index.dir())) {
            assertThat(files.toList()).containsExactly(index.dir().resolve(stored.id() + ".json"));
        }
        assertThat(index.find("../../evil/x")).isEmpty();
        assertThat(index.find(stored.id())).isPresent();
    }

    @Test
    void list_truncatedEntry_skippedWithWarningNamingIt_othersStillListed() throws Exception {
        RunIndex index = new RunIndex(ws());
        index.add(entry("good-1", tmp.resolve("g1"), "2026-12-07T10:00:00Z", "first"));
        index.add(entry("bad", tmp.resolve("bad"), "2026-12-07T11:00:00Z", "damaged"));
        index.add(entry("good-2", tmp.resolve("g2"), "2026-12-07T12:00:00Z", "second"));
        Path bad = index.dir().resolve("bad.json");
        String whole = Files.readString(bad, StandardCharsets.UTF_8);
        Files.writeString(bad, whole.substring(0, whole.length() / 2));

        RunListing l = index.list();
        assertThat(l.runs()).extracting(RunEntry::id).containsExactly("good-2", "good-1");
        assertThat(l.warnings()).hasSize(1);
        assertThat(l.warnings().get(0)).contains(bad.toString(), "not JSON");
    }

    @Test
    void list_entryWithoutFolder_skippedWithWarningNamingTheField() throws Exception {
        RunIndex index = new RunIndex(ws());
        index.add(entry("good", tmp.resolve("g"), "2026-12-07T10:00:00Z", "ok"));
        Files.writeString(index.dir().resolve("nofolder.json"), "{\"id\":\"nofolder\",\"created\":\"2026-12-07T10:00:00Z\"}");
        Files.writeString(index.dir().resolve("empty.json"), "");

        RunListing l = index.list();
        assertThat(l.runs()).extracting(RunEntry::id).containsExactly("good");
        assertThat(l.warnings()).hasSize(2);
        assertThat(l.warnings()).anySatisfy(w -> assertThat(w).contains("nofolder.json", "missing \"folder\""));
        assertThat(l.warnings()).anySatisfy(w -> assertThat(w).contains("empty.json"));
    }

    @Test
    void list_halfWrittenTempFromACrash_skippedWithWarning_othersStillListed() throws Exception {
        RunIndex index = new RunIndex(ws());
        index.add(entry("good", tmp.resolve("g"), "2026-12-07T10:00:00Z", "ok"));
        Path tmpFile = index.dir().resolve("crashed.json.tmp");
        Files.writeString(tmpFile, "{\"id\":\"crashed\",\"prom");
        Files.setLastModifiedTime(tmpFile, FileTime.from(Instant.now().minusSeconds(300)));

        RunListing l = index.list();
        assertThat(l.runs()).extracting(RunEntry::id).containsExactly("good");
        assertThat(l.warnings()).singleElement().asString().contains(tmpFile.toString(), "half-written");
    }

    @Test
    void list_tempBeingWrittenNow_notReportedAsDamaged() throws Exception {
        RunIndex index = new RunIndex(ws());
        index.add(entry("good", tmp.resolve("g"), "2026-12-07T10:00:00Z", "ok"));
        Files.writeString(index.dir().resolve("inflight.json.tmp"), "{\"id\":");
        RunListing l = index.list();
        assertThat(l.runs()).hasSize(1);
        assertThat(l.warnings()).isEmpty();
    }

    @Test
    void list_noIndexYet_emptyWithoutWarnings() {
        RunListing l = new RunIndex(ws()).list();
        assertThat(l.runs()).isEmpty();
        assertThat(l.warnings()).isEmpty();
    }

    @Test
    void delete_folderInsideWorkspace_removesFolderAndEntry() throws Exception {
        RunIndex index = new RunIndex(ws());
        Path folder = Files.createDirectories(ws().resolve("runs/20261207-a/sub"));
        Files.writeString(folder.resolve("image.png"), "png");
        index.add(entry("a", folder.getParent(), "2026-12-07T10:00:00Z", "p"));
        index.add(entry("keep", ws().resolve("runs/other"), "2026-12-07T10:00:00Z", "p"));

        RunDeletion d = index.delete("a", false).orElseThrow();
        assertThat(d.folder()).isEqualTo(RunDeletion.Folder.DELETED);
        assertThat(folder.getParent()).doesNotExist();
        assertThat(ws().resolve("runs")).isDirectory();
        assertThat(index.list().runs()).extracting(RunEntry::id).containsExactly("keep");
        assertThat(d.describe()).contains("Deleted run a and its folder");
    }

    @Test
    void delete_folderOutsideWorkspace_removesOnlyTheEntryAndSaysSo() throws Exception {
        RunIndex index = new RunIndex(ws());
        Path outside = Files.createDirectories(tmp.resolve("elsewhere/run"));
        Files.writeString(outside.resolve("image.png"), "png");
        index.add(entry("out", outside, "2026-12-07T10:00:00Z", "p"));

        RunDeletion d = index.delete("out", false).orElseThrow();
        assertThat(d.folder()).isEqualTo(RunDeletion.Folder.OUTSIDE_WORKSPACE);
        assertThat(outside.resolve("image.png")).exists();
        assertThat(index.list().runs()).isEmpty();
        assertThat(d.describe()).contains("outside the workspace", outside.toString());
    }

    @Test
    void delete_keepFiles_keepsFolderInsideWorkspace() throws Exception {
        RunIndex index = new RunIndex(ws());
        Path folder = Files.createDirectories(ws().resolve("runs/k"));
        index.add(entry("k", folder, "2026-12-07T10:00:00Z", "p"));
        assertThat(index.delete("k", true).orElseThrow().folder()).isEqualTo(RunDeletion.Folder.KEPT);
        assertThat(folder).isDirectory();
        assertThat(index.find("k")).isEmpty();
    }

    @Test
    void delete_folderThatHoldsTheIndex_leavesItAlone() throws Exception {
        RunIndex index = new RunIndex(ws());
        index.add(entry("other", ws().resolve("runs/x"), "2026-12-07T10:00:00Z", "p"));
        index.add(entry("wide", ws().resolve("runs"), "2026-12-07T10:00:00Z", "p"));
        assertThat(index.delete("wide", false).orElseThrow().folder()).isEqualTo(RunDeletion.Folder.PROTECTED);
        assertThat(index.list().runs()).extracting(RunEntry::id).containsExactly("other");
    }

    @Test
    void delete_unknownId_emptyAndNothingRemoved() throws Exception {
        RunIndex index = new RunIndex(ws());
        index.add(entry("a", ws().resolve("runs/a"), "2026-12-07T10:00:00Z", "p"));
        assertThat(index.delete("nope", false)).isEmpty();
        assertThat(index.list().runs()).hasSize(1);
    }

    @Test
    void owns_pathsInAndOutOfTheWorkspace() {
        RunIndex index = new RunIndex(ws());
        assertThat(index.owns(ws().resolve("runs/a"))).isTrue();
        assertThat(index.owns(ws())).isFalse();
        assertThat(index.owns(ws().resolve("runs/../../ws-other/a"))).isFalse();
        assertThat(index.owns(tmp.resolve("ws2/runs/a"))).isFalse();
    }

    @Test
    void parse_createdNotADate_namesTheField() {
        String json = RunEntryCodec.toJson(entry("x", tmp, "2026-12-07T10:00:00Z", "p")).replace("2026-12-07T10:00Z", "yesterday");
        assertThat(json).contains("yesterday");
        assertThatThrownBy(() -> RunEntryCodec.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"created\"").hasMessageContaining("yesterday");
    }
}
