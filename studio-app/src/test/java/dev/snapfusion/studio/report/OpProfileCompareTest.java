package dev.snapfusion.studio.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.runner.protocol.BlockTime;
import dev.snapfusion.runner.protocol.OpProfile;
import dev.snapfusion.runner.protocol.OpProfileCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder with op_profile.json: its block times beside the blockwise ones, in the report and back. */
class OpProfileCompareTest {
    @TempDir
    Path tmp;

    /** An op profile of the run's UNet: each block at 90% of its blockwise time, plus 0.5 ms unattributed. */
    private static void writeOpProfile(Path runDir, List<BlockTime> blocks) throws Exception {
        List<OpProfile.Block> totals = new ArrayList<>();
        List<OpProfile.Op> ops = new ArrayList<>();
        for (BlockTime b : blocks) {
            totals.add(new OpProfile.Block(b.id(), 0.9 * b.ms(), 0, 1));
            ops.add(new OpProfile.Op("CONV_2D", "Convolution (NHWC, F32) IGEMM", b.id() + "/t1", b.id(), 0.9 * b.ms(), 0, 0));
        }
        totals.add(new OpProfile.Block(OpProfile.UNATTRIBUTED, 0.5, 0, 1));
        ops.add(new OpProfile.Op("ADD", "Add (ND)", "unet/t9", OpProfile.UNATTRIBUTED, 0.5, 0, 0));
        OpProfile p = new OpProfile("TFLite 2.21.0 (C++ API, JavaCPP)", "host", "id", "xnnpack", 2, 1, 1,
                List.of(new OpProfile.Component("unet", 100, 1, ops, totals, List.of())), List.of());
        Files.writeString(runDir.resolve(OpProfile.FILE_NAME), OpProfileCodec.toJson(p));
    }

    private ComparisonReport report(boolean withOps) throws Exception {
        Path sf = RunFixtures.snapFusionRun(tmp.resolve("sf"));
        Path sd = RunFixtures.sd15Run(tmp.resolve("sd"));
        ComparisonReport plain = ComparisonReport.fromRunDirs(sf, sd);
        if (withOps) writeOpProfile(sf, plain.runs().get(0).timings().blocks());
        return ComparisonReport.fromRunDirs(sf, sd);
    }

    @Test
    void blockRows_runWithOpProfile_showsOpsMsBesideBlockwise_otherRunDashes() throws Exception {
        ComparisonReport r = report(true);
        assertThat(r.runs().get(0).hasOpProfile()).isTrue();
        assertThat(r.runs().get(1).hasOpProfile()).isFalse();
        List<BlockRow> rows = r.blockRows();
        BlockTime first = r.runs().get(0).timings().blocks().get(0);
        assertThat(rows.get(0).block()).isEqualTo(first.id());
        assertThat(rows.get(0).firstBlockwise()).isEqualTo(first.ms());
        assertThat(rows.get(0).firstOps()).isEqualTo(0.9 * first.ms());
        assertThat(rows.get(0).secondOps()).isNaN();
        assertThat(rows).extracting(BlockRow::block).contains(OpProfile.UNATTRIBUTED).doesNotHaveDuplicates();
        BlockRow unattributed = rows.stream().filter(x -> x.block().equals(OpProfile.UNATTRIBUTED)).findFirst().orElseThrow();
        assertThat(unattributed.firstBlockwise()).isNaN();
        assertThat(BlockRow.format(unattributed.firstBlockwise())).isEqualTo("—");
    }

    @Test
    void write_runWithOpProfile_htmlTableAndJsonCarryOpsMs_andReadBack() throws Exception {
        ComparisonReport r = report(true);
        Path out = tmp.resolve("report");
        ReportWriter.write(r, out);

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<table id=\"blocks\">", "SnapFusion ops ms", "SnapFusion blockwise ms", "SD-v1.5 ops ms",
                ">" + BlockRow.format(r.blockRows().get(0).firstOps()) + "</td>");
        JsonNode run = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs").get(0);
        assertThat(run.get("op_blocks")).hasSize(r.runs().get(0).opBlockMs().size());
        assertThat(run.get("op_blocks").get(0).get("id").asText()).isEqualTo(r.blockRows().get(0).block());

        ComparisonReport back = ReportReader.read(out);
        assertThat(back.runs().get(0).opBlockMs()).isEqualTo(r.runs().get(0).opBlockMs());
        assertThat(back.runs().get(1).opBlockMs()).isEmpty();
        assertThat(back.blockRows()).isEqualTo(r.blockRows());
    }

    @Test
    void write_noRunHasOpProfile_noBlockTableAndNoOpBlocks() throws Exception {
        ComparisonReport r = report(false);
        assertThat(r.blockRows()).isEmpty();
        Path out = tmp.resolve("report");
        ReportWriter.write(r, out);
        assertThat(Files.readString(out.resolve("report.html"))).doesNotContain("ops ms", "id=\"blocks\"");
        assertThat(new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs").get(0).has("op_blocks")).isFalse();
    }

    @Test
    void fromRunDirs_malformedOpProfile_namesTheFile() throws Exception {
        Path sf = RunFixtures.snapFusionRun(tmp.resolve("sf"));
        Files.writeString(sf.resolve(OpProfile.FILE_NAME), "{\"format\":\"snapfusion-op-profile\",\"version\":7}");
        assertThatThrownBy(() -> ComparisonReport.fromRunDirs(sf, RunFixtures.sd15Run(tmp.resolve("sd"))))
                .isInstanceOf(ComparisonException.class).hasMessageContaining(sf.resolve(OpProfile.FILE_NAME).toString())
                .hasMessageContaining("version 7");
    }

    @Test
    void importedPhoneProfile_byBlockSumsShowBesideBlockwise_withoutOpProfileJson() throws Exception {
        Path sd = RunFixtures.sd15Run(tmp.resolve("sd"));
        Path sf = RunFixtures.snapFusionRun(tmp.resolve("sf"));
        BlockTime first = ComparisonReport.fromRunDirs(sf, sd).runs().get(1).timings().blocks().get(0);
        // what `studio ops import FILE --bundle B --run sd` saves (its --json object; only by_block is read)
        Files.writeString(sd.resolve(ImportedOpProfile.FILE_NAME), "{\"file\":\"bench.txt\",\"ops\":[],\"by_block\":["
                + "{\"block\":\"" + first.id() + "\",\"kind\":\"stem\",\"ms\":1.25,\"share\":2.0,\"ops\":3},"
                + "{\"block\":\"(delegate: opaque)\",\"kind\":\"other\",\"ms\":4.5,\"share\":9.0,\"ops\":1}]}");
        ComparisonReport r = ComparisonReport.fromRunDirs(sf, sd);
        assertThat(r.runs().get(1).hasOpProfile()).isTrue();
        BlockRow row = r.blockRows().stream().filter(x -> x.block().equals(first.id())).findFirst().orElseThrow();
        assertThat(row.secondOps()).isEqualTo(1.25);
        assertThat(row.secondBlockwise()).isEqualTo(first.ms());
        assertThat(r.blockRows()).extracting(BlockRow::block).contains("(delegate: opaque)");

        Files.writeString(sd.resolve(ImportedOpProfile.FILE_NAME), "{\"ops\":[]}");
        assertThatThrownBy(() -> ComparisonReport.fromRunDirs(sf, sd)).isInstanceOf(ComparisonException.class)
                .hasMessageContaining(ImportedOpProfile.FILE_NAME).hasMessageContaining("by_block");
    }
}
