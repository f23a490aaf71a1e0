package dev.snapfusion.studio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.studio.job.Studio;
import dev.snapfusion.studio.ops.BlockMapper;
import dev.snapfusion.studio.ops.BlockTotal;
import dev.snapfusion.studio.ops.OpProfile;
import dev.snapfusion.studio.ops.OpProfileJson;
import dev.snapfusion.studio.ops.OpRow;
import dev.snapfusion.studio.ops.TypeRow;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code studio ops import FILE [--bundle DIR] [--json]}: reads a saved {@code benchmark_model --enable_op_profiling=true}
 * output and, with a bundle, sums its ops by UNet block.
 */
@Command(name = "import", description = "Read a saved output of TFLite's benchmark_model --enable_op_profiling=true "
        + "(as printed, a logcat capture, or --profiling_output_csv_file) and, with --bundle, sum its ops by UNet block.")
final class OpsImportCommand implements Callable<Integer> {
    private static final int SLOWEST = 10;

    @Parameters(index = "0", paramLabel = "FILE", description = "The saved profile.")
    Path file;

    @Option(names = "--bundle", description = "Bundle folder whose block table the op names are mapped to.")
    Path bundle;

    @Option(names = "--run", description = "A run folder of the same bundle (pulled by generate): the profile's per-block "
            + "sums are saved there as " + dev.snapfusion.studio.report.ImportedOpProfile.FILE_NAME + ", and Compare and the "
            + "report show them beside the run's blockwise times. Needs --bundle.")
    Path run;

    @Option(names = "--json", description = "Print one JSON object {ops, init_ops, delegate_ops, by_type, total_ms, by_block}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        OpProfile p = OpProfile.read(file);
        Optional<BlockMapper> mapper = bundle == null ? Optional.empty()
                : Optional.of(BlockMapper.of(Studio.readManifest(bundle).blocks()));
        if (run != null) {
            if (mapper.isEmpty()) throw new dev.snapfusion.studio.common.StudioError("--run needs --bundle: the ops are summed by the bundle's blocks");
            if (!java.nio.file.Files.isRegularFile(run.resolve("timings.json"))) {
                throw new dev.snapfusion.studio.common.StudioError("--run " + run + " is not a run folder (no timings.json)");
            }
            Path saved = run.resolve(dev.snapfusion.studio.report.ImportedOpProfile.FILE_NAME);
            OpProfileJson.save(saved, OpProfileJson.of(p, mapper));
            System.err.println("saved the per-block sums to " + saved);
        }
        if (json) System.out.println(new ObjectMapper().writeValueAsString(OpProfileJson.of(p, mapper)));
        else print(p, mapper);
        return 0;
    }

    private void print(OpProfile p, Optional<BlockMapper> mapper) {
        String total = p.total().map(t -> String.format(Locale.ROOT, "%.3f ms per run (from %s)", t.ms(), t.basis().wireName()))
                .orElse("no timings");
        System.out.printf(Locale.ROOT, "%s (%s): %d ops, %d node types; %s%n", p.source(), p.layout().wireName(), p.ops().size(),
                p.byType().size(), total);
        if (!p.initOps().isEmpty()) {
            System.out.printf(Locale.ROOT, "  initialization: %d ops, %.3f ms, kept out of the run numbers%n", p.initOps().size(),
                    p.initOps().stream().mapToDouble(OpRow::runMs).sum());
        }
        mapper.ifPresent(m -> printBlocks(m.totals(p.ops())));
        if (!p.byType().isEmpty()) {
            System.out.printf(Locale.ROOT, "%nBy node type:%n  %-44s %6s %10s %7s%n", "node type", "count", "ms", "%");
            for (TypeRow t : p.byType()) {
                System.out.printf(Locale.ROOT, "  %-44s %6d %10.3f %6.2f%%%n", t.type(), t.count(), t.avgMs(), t.percent());
            }
        }
        if (!p.ops().isEmpty()) {
            System.out.printf(Locale.ROOT, "%nSlowest ops:%n  %10s  %-30s %s%n", "ms/run", "type", "name");
            p.ops().stream().sorted(Comparator.comparingDouble(OpRow::runMs).reversed()).limit(SLOWEST).forEach(op ->
                    System.out.printf(Locale.ROOT, "  %10.3f  %-30s %s%s%n", op.runMs(), op.type(), op.name(),
                            mapper.flatMap(m -> m.blockOf(op)).map(b -> "  (" + b.id() + ")").orElse("")));
        }
    }

    private static void printBlocks(List<BlockTotal> totals) {
        System.out.printf(Locale.ROOT, "%nBy block:%n  %-28s %-16s %10s %7s %5s%n", "block", "kind", "ms", "share", "ops");
        for (BlockTotal b : totals) {
            System.out.printf(Locale.ROOT, "  %-28s %-16s %10.3f %6.1f%% %5d%s%n", b.block(), b.kind(), b.ms(), 100 * b.share(),
                    b.ops(), b.note().isEmpty() ? "" : "  " + b.note());
        }
    }
}
