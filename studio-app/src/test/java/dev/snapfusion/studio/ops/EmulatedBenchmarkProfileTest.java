package dev.snapfusion.studio.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.ManifestCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the virtual device's emulated benchmark_model prints (no CSV file named) read by this parser: the newer text
 * layout, op rows named by the graph's own tensors, the Timings total; with XNNPACK, one delegate node per partition
 * that hides its ops. The emulation runs as the virtual device runs it, in a JVM of its own (here without a sandbox,
 * so device paths are host paths).
 */
class EmulatedBenchmarkProfileTest {
    @TempDir
    static Path tmp;
    static Path bundle;
    static BundleManifest manifest;

    @BeforeAll
    static void convert() throws Exception {
        bundle = tmp.resolve("sf");
        BundleConverter.convert("demo:snapfusion", Quantization.FP32, bundle, ConvertListener.NONE);
        manifest = ManifestCodec.read(bundle.resolve(BundleManifest.FILE_NAME));
    }

    private static String emulate(String... flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.snapfusion.link.virtual.BenchmarkModelMain"));
        cmd.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("SNAPFUSION_SYSROOT");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void parse_emulatedBlockFileWithoutXnnpack_textLayoutOpsNamedByTheBlocksTensors() throws Exception {
        Block block = manifest.blocks().stream().filter(b -> b.id().equals("down.1.cross_attention.0")).findFirst().orElseThrow();
        Path file = bundle.resolve(block.file());
        String out = emulate("--graph=" + file, "--num_threads=1", "--num_runs=3", "--use_xnnpack=false", "--enable_op_profiling=true");

        OpProfile p = OpProfile.parse("emulated", out);
        assertThat(p.layout()).isEqualTo(ProfileLayout.TEXT);
        assertThat(p.total()).get().satisfies(t -> {
            assertThat(t.basis()).isEqualTo(OpProfile.Basis.TIMINGS);
            assertThat(t.ms()).isPositive();
        });
        assertThat(p.ops()).hasSizeGreaterThan(20).allSatisfy(op -> {
            assertThat(op.name()).matches("\\[[^\\]]+\\]:\\d+");
            assertThat(op.timesCalled()).isEqualTo(1);
        });
        // A block file is a graph named by the block id: its ops' tensors are "<id>/t<n>", all but the output ("h").
        assertThat(p.ops().stream().filter(op -> op.name().startsWith("[" + block.id() + "/t")).count())
                .isGreaterThanOrEqualTo(p.ops().size() - 1);
        assertThat(p.byType()).extracting(TypeRow::type).contains("BATCH_MATMUL", "SOFTMAX");
        double opSum = p.ops().stream().mapToDouble(OpRow::runMs).sum();
        assertThat(opSum / p.total().orElseThrow().ms()).as("Timings is the ops' sum per run, as TFLite counts it").isBetween(0.95, 1.05);
        assertThat(BlockMapper.of(manifest.blocks()).totals(p.ops()).get(0).block()).isEqualTo(block.id());
    }

    @Test
    void parse_emulatedWholeUnetOnXnnpack_delegateNodesHideTheirOps() throws Exception {
        String out = emulate("--graph=" + bundle.resolve(manifest.component(BundleManifest.UNET).file()), "--num_runs=2",
                "--enable_op_profiling=true", "--max_profiling_buffer_entries=100000");
        OpProfile p = OpProfile.parse("emulated", out);
        assertThat(p.ops()).filteredOn(OpRow::hidesOps).isNotEmpty()
                .allSatisfy(op -> assertThat(op.type()).isEqualTo("TfLiteXNNPackDelegate"));
        List<BlockTotal> totals = BlockMapper.of(manifest.blocks()).totals(p.ops());
        assertThat(totals).filteredOn(t -> t.kind().equals(BlockMapper.DELEGATE)).singleElement()
                .satisfies(t -> assertThat(t.share()).isGreaterThan(0.5));
    }
}
