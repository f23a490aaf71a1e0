package dev.snapfusion.studio.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The sample files under test resources ops/, one per layout benchmark_model prints (docs/op-profiles.md); every field
 * of the rows that make each layout hard is checked against the file's own text.
 */
class OpProfileTest {
    private static final Offset<Double> EXACT = within(1e-9);

    static Path sample(String name) {
        try {
            return Path.of(OpProfileTest.class.getResource("/ops/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertOp(OpRow op, String type, String name, OptionalDouble start, double first, double avg, double pct,
                                 double cdf, double memKb, long times) {
        assertThat(op.type()).isEqualTo(type);
        assertThat(op.name()).isEqualTo(name);
        assertThat(op.startMs()).isEqualTo(start);
        assertThat(op.firstMs()).isCloseTo(first, EXACT);
        assertThat(op.avgMs()).isCloseTo(avg, EXACT);
        assertThat(op.percent()).isCloseTo(pct, EXACT);
        assertThat(op.cdfPercent()).isCloseTo(cdf, EXACT);
        assertThat(op.memKb()).isCloseTo(memKb, EXACT);
        assertThat(op.timesCalled()).isEqualTo(times);
    }

    private static void assertType(TypeRow t, String type, long count, double avg, double pct, double cdf, double memKb, long times) {
        assertThat(t).isEqualTo(new TypeRow(type, count, avg, pct, cdf, memKb, times));
    }

    @Test
    void read_tabLayoutWithStart_readsRunOrderWithStartAndKeepsInitializationApart() {
        OpProfile p = OpProfile.read(sample("tab-with-start.txt"));
        assertThat(p.layout()).isEqualTo(ProfileLayout.TEXT_WITH_START);
        assertThat(p.ops()).hasSize(18);
        assertOp(p.ops().get(0), "CONV_2D", "[stem.conv_in/t0]:0", OptionalDouble.of(0), 4.912, 4.807, 0.951, 0.951, 0, 1);
        assertOp(p.ops().get(4), "MEAN", "[down.0.resnet.0/t9]:4", OptionalDouble.of(5.405), 3.871, 3.702, 1.464, 2.533, 0, 2);
        assertOp(p.ops().get(17), "CONV_2D", "[out]:17", OptionalDouble.of(500.597), 5.118, 5.004, 0.990, 100, 0, 1);
        // Run order, not the "Top by Computation Time" table that repeats the slowest rows after it.
        assertThat(p.ops()).extracting(OpRow::name).doesNotHaveDuplicates().startsWith("[stem.conv_in/t0]:0", "[stem.time_embedding/t2]:1");
        assertThat(p.initOps()).hasSize(1);
        assertOp(p.initOps().get(0), "AllocateTensors", "AllocateTensors/0", OptionalDouble.of(0), 1.356, 1.356, 100, 100, 86504, 1);
        assertThat(p.delegateOps()).isEmpty();
        assertThat(p.byType()).hasSize(10);
        assertType(p.byType().get(0), "BATCH_MATMUL", 3, 316.350, 62.569, 62.569, 0, 3);
        assertType(p.byType().get(4), "MEAN", 1, 7.404, 1.464, 99.438, 0, 2);
        assertType(p.byType().get(9), "LOGISTIC", 1, 0.013, 0.003, 100, 0, 1);
        // The run's Timings line (avg=505601 us), not the initialization's (curr=1356).
        assertThat(p.timingsAvgMs()).hasValue(505.601);
        assertThat(p.total()).hasValue(new OpProfile.Total(505.601, OpProfile.Basis.TIMINGS));
    }

    @Test
    void read_paddedWithInfoPrefixAndXnnpackOps_keepsTypesWithCommasAndOverflowingNamesWhole() {
        OpProfile p = OpProfile.read(sample("padded-info-xnnpack.txt"));
        assertThat(p.layout()).isEqualTo(ProfileLayout.TEXT);
        assertThat(p.ops()).hasSize(15);
        assertOp(p.ops().get(0), "Convolution (NHWC, F32) IGEMM", "Delegate/Convolution (NHWC, F32) IGEMM:0", OptionalDouble.empty(),
                3.204, 3.118, 3.390, 3.390, 0, 1);
        assertOp(p.ops().get(2), "Fully Connected (NC, QD8, F32, QC8W) GEMM", "Delegate/Fully Connected (NC, QD8, F32, QC8W) GEMM:2",
                OptionalDouble.empty(), 1.187, 0.967, 12.615, 16.578, 0, 12);
        assertOp(p.ops().get(10), "SPLIT", "[mid.cross_attention.0/t2210, mid.cross_attention.0/t2211]:806", OptionalDouble.empty(),
                0.512, 0.498, 0.541, 82.137, 0, 1);
        // 47 characters: wider than the 40-wide type column, so only a few spaces are left before [first].
        assertOp(p.ops().get(14), "Batch Matrix Multiply (NC, QD8, F32, QC8W) GEMM",
                "Delegate/Batch Matrix Multiply (NC, QD8, F32, QC8W) GEMM:11", OptionalDouble.empty(), 0.733, 0.702, 1.526, 100, 0, 2);
        assertThat(p.initOps()).hasSize(2);
        assertOp(p.initOps().get(0), "ModifyGraphWithDelegate", "ModifyGraphWithDelegate/0", OptionalDouble.empty(), 1874.202,
                1874.202, 89.797, 89.797, 98216, 1);
        assertOp(p.initOps().get(1), "AllocateTensors", "AllocateTensors/0", OptionalDouble.empty(), 212.941, 106.474, 10.203, 100,
                86504, 2);
        assertThat(p.byType()).hasSize(13);
        assertType(p.byType().get(2), "Fully Connected (NC, QD8, F32, QC8W) GEMM", 1, 11.604, 12.615, 74.715, 0, 12);
        assertType(p.byType().get(7), "Batch Matrix Multiply (NC, QD8, F32, QC8W) GEMM", 1, 1.404, 1.526, 96.082, 0, 2);
        assertThat(p.timingsAvgMs().getAsDouble()).isCloseTo(92.0034, EXACT);
        assertThat(p.ops()).noneMatch(OpRow::hidesOps);
    }

    @Test
    void read_logcatCapture_dropsPrefixesAndLinesOfOtherTagsAndKeepsDelegateNodes() {
        OpProfile p = OpProfile.read(sample("padded-logcat.txt"));
        assertThat(p.layout()).isEqualTo(ProfileLayout.TEXT);
        // The "art" line logged in the middle of the Run Order table is not a row and not an error.
        assertThat(p.ops()).extracting(OpRow::type).containsExactly("TfLiteXNNPackDelegate", "GELU", "TfLiteXNNPackDelegate",
                "BATCH_MATMUL", "GELU", "TfLiteXNNPackDelegate");
        assertOp(p.ops().get(0), "TfLiteXNNPackDelegate", "[down.1.cross_attention.0/t1180]:1903", OptionalDouble.empty(), 201.332,
                198.876, 31.883, 31.883, 0, 1);
        assertOp(p.ops().get(5), "TfLiteXNNPackDelegate", "[out]:1905", OptionalDouble.empty(), 310.551, 305.118, 48.915, 100, 0, 1);
        assertThat(p.ops()).filteredOn(OpRow::hidesOps).hasSize(3);
        assertThat(p.initOps()).extracting(OpRow::type).containsExactly("ModifyGraphWithDelegate", "AllocateTensors");
        assertThat(p.byType()).hasSize(3);
        assertType(p.byType().get(0), "TfLiteXNNPackDelegate", 3, 590.534, 94.672, 94.672, 0, 3);
        assertThat(p.total()).hasValue(new OpProfile.Total(623.73, OpProfile.Basis.TIMINGS));
    }

    @Test
    void read_csvFile_splitsTypesWithCommasAndRestoresCommasOfNames() {
        OpProfile p = OpProfile.read(sample("profile.csv"));
        assertThat(p.layout()).isEqualTo(ProfileLayout.CSV);
        assertThat(p.ops()).hasSize(6);
        assertOp(p.ops().get(0), "Convolution (NHWC, F32) IGEMM", "Delegate/Convolution (NHWC, F32) IGEMM:0", OptionalDouble.empty(),
                3.20412, 3.11845, 9.16795, 9.16795, 0, 1);
        assertOp(p.ops().get(3), "SPLIT", "[mid.cross_attention.0/t2210, mid.cross_attention.0/t2211]:806", OptionalDouble.empty(),
                0.51204, 0.49833, 1.46504, 66.2133, 0, 1);
        // C++ streams print tiny values in exponent form.
        assertOp(p.ops().get(5), "Copy (NC, X32)", "Delegate/Copy (NC, X32):9", OptionalDouble.empty(), 4e-05, 3e-05, 0.000705578,
                100, 0, 8);
        assertOp(p.initOps().get(0), "ModifyGraphWithDelegate", "ModifyGraphWithDelegate/0", OptionalDouble.empty(), 1874.2, 1874.2,
                89.7972, 89.7972, 98216, 1);
        assertThat(p.initOps()).hasSize(2);
        assertThat(p.byType()).hasSize(6);
        assertType(p.byType().get(0), "Fully Connected (NC, QD8, F32, QC8W) GEMM", 1, 11.604, 34.1164, 34.1164, 0, 12);
        assertType(p.byType().get(5), "Copy (NC, X32)", 1, 0, 0, 100, 0, 8);
        assertThat(p.timingsAvgMs().getAsDouble()).isCloseTo(34.0175, EXACT);
    }

    @Test
    void read_summaryOnly_opsAreEmptyAndTheTotalIsTheTimingsLine() {
        OpProfile p = OpProfile.read(sample("summary-only.txt"));
        assertThat(p.ops()).isEmpty();
        assertThat(p.initOps()).isEmpty();
        assertThat(p.layout()).isEqualTo(ProfileLayout.TEXT);
        assertThat(p.byType()).hasSize(5);
        assertType(p.byType().get(0), "Convolution (NHWC, F32) IGEMM", 97, 412.118, 50.698, 50.698, 0, 97);
        assertType(p.byType().get(2), "Fully Connected (NC, QD8, F32, QC8W) GEMM", 148, 96.221, 11.837, 87.356, 0, 148);
        assertType(p.byType().get(4), "GELU", 16, 14.372, 1.768, 100, 0, 16);
        assertThat(p.total()).hasValue(new OpProfile.Total(812.894, OpProfile.Basis.TIMINGS));
    }

    @Test
    void read_emptyFile_errorNamesTheFileAndSaysEmpty() {
        Path f = sample("empty.txt");
        assertThatThrownBy(() -> OpProfile.read(f)).isInstanceOf(OpProfileException.class)
                .hasMessageStartingWith(f + " is empty;").hasMessageContaining("--enable_op_profiling=true");
    }

    @Test
    void read_garbage_errorNamesTheFile() {
        Path f = sample("garbage.txt");
        assertThatThrownBy(() -> OpProfile.read(f)).isInstanceOf(OpProfileException.class)
                .hasMessageStartingWith(f + ": no op profile in it;").hasMessageContaining("docs/op-profiles.md");
    }

    @Test
    void parse_onlyABannerOfSomeOtherTable_isNoProfile() {
        assertThatThrownBy(() -> OpProfile.parse("notes.txt", "==========\n=== Results ===\nall good\n"))
                .isInstanceOf(OpProfileException.class).hasMessageStartingWith("notes.txt: no op profile in it;");
    }

    @Test
    void read_benchmarkWithoutOpProfiling_errorNamesTheFile() {
        Path f = sample("no-profile.txt");
        assertThatThrownBy(() -> OpProfile.read(f)).isInstanceOf(OpProfileException.class)
                .hasMessageStartingWith(f + ": no op profile in it;");
    }

    @Test
    void read_missingFile_errorNamesTheFile() {
        Path f = sample("empty.txt").resolveSibling("nope.txt");
        assertThatThrownBy(() -> OpProfile.read(f)).isInstanceOf(OpProfileException.class).hasMessage(f + ": no such file");
    }

    @Test
    void parse_brokenRowInARunOrderTable_errorNamesFileAndLine() {
        String text = "============================== Run Order ==============================\n"
                + "\t[node type]\t[first]\t[avg ms]\t[%]\t[cdf%]\t[mem KB]\t[times called]\t[Name]\n"
                + "\tCONV_2D\t1.000\t1.000\t50.000%\t50.000%\t0.000\t1\t[a]:0\n"
                + "\tCONV_2D\t1.000\tlots\t50.000%\t100.000%\t0.000\t1\t[b]:1\n";
        assertThatThrownBy(() -> OpProfile.parse("p.txt", text)).isInstanceOf(OpProfileException.class)
                .hasMessageStartingWith("p.txt:4: not a Run Order row: \"CONV_2D");
    }

    @Test
    void parse_olderCsvWithStartColumn_readsStartAndNamesWithCommas() {
        String text = "Operator-wise Profiling Info for Regular Benchmark Runs:\n"
                + "============================== Run Order ==============================\n"
                + "node type, start, first, avg_ms, %, cdf%, mem KB, times called, name\n"
                + "CONV_2D, 0.066, 87.754, 60.957, 60.957%, 60.957%, 0, 1, [MobilenetV1/Conv2d_0/Relu6]:0\n"
                + "TfLiteNnapiDelegate, 61.033, 40.1, 39.043, 39.043%, 100%, 0, 1, [aspp0/Relu, image_pooling/Relu]:71\n"
                + "\n";
        OpProfile p = OpProfile.parse("old.csv", text);
        assertThat(p.layout()).isEqualTo(ProfileLayout.CSV_WITH_START);
        assertOp(p.ops().get(1), "TfLiteNnapiDelegate", "[aspp0/Relu, image_pooling/Relu]:71", OptionalDouble.of(61.033), 40.1,
                39.043, 39.043, 100, 0, 1);
        assertThat(p.ops().get(1).hidesOps()).isTrue();
        assertThat(p.byType()).isEmpty();
        assertThat(p.total().orElseThrow().basis()).isEqualTo(OpProfile.Basis.OPS);
        assertThat(p.total().orElseThrow().ms()).isCloseTo(100, within(1e-9));
    }

    @Test
    void parse_clippedTableWithoutColumnHeader_detectsTheLayoutFromTheRows() {
        String text = "============================== Run Order ==============================\n"
                + "\t                 CONV_2D\t    0.000\t    4.269\t    4.269\t  0.107%\t  0.107%\t     0.000\t        0\t[Conv2d_0/Relu6]\n";
        OpProfile p = OpProfile.parse("clip.txt", text);
        assertThat(p.layout()).isEqualTo(ProfileLayout.TEXT_WITH_START);
        assertOp(p.ops().get(0), "CONV_2D", "[Conv2d_0/Relu6]", OptionalDouble.of(0), 4.269, 4.269, 0.107, 0.107, 0, 0);
        // Old outputs print 0 calls; such a node still ran once per run.
        assertThat(p.ops().get(0).runMs()).isEqualTo(4.269);
    }

    @Test
    void parse_delegateInternalAndSubgraphSections_keptOutOfTheRunOpsAndTotal() {
        String run = "============================== Run Order ==============================\n"
                + "\t[node type]\t[first]\t[avg ms]\t[%]\t[cdf%]\t[mem KB]\t[times called]\t[Name]\n";
        String text = "Operator-wise Profiling Info for Regular Benchmark Runs:\n" + run
                + "\tTfLiteXNNPackDelegate\t9.000\t8.000\t100.000%\t100.000%\t0.000\t1\t[out]:3\n\n"
                + "Timings (microseconds): count=4 first=9100 curr=8050 min=7990 max=9100 avg=8042.5 std=20\n"
                + "Subgraph (index: 1) Timings (microseconds): count=4 first=1 curr=1 min=1 max=1 avg=1 std=0\n"
                + "Delegate internal: \n" + run
                + "\tConvolution (NHWC, F32) GEMM\t5.000\t4.900\t61.250%\t61.250%\t0.000\t1\tDelegate/Convolution (NHWC, F32) GEMM:0\n\n"
                + "Timings (microseconds): count=4 first=5100 curr=4900 min=4800 max=5100 avg=4900 std=3\n";
        OpProfile p = OpProfile.parse("d.txt", text);
        assertThat(p.ops()).extracting(OpRow::type).containsExactly("TfLiteXNNPackDelegate");
        assertOp(p.delegateOps().get(0), "Convolution (NHWC, F32) GEMM", "Delegate/Convolution (NHWC, F32) GEMM:0",
                OptionalDouble.empty(), 5, 4.9, 61.25, 61.25, 0, 1);
        assertThat(p.timingsAvgMs()).hasValue(8.0425);
    }
}
