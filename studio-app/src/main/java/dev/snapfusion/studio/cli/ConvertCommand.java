package dev.snapfusion.studio.cli;

import dev.snapfusion.bridge.convert.ConversionReport;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.ConvertOptions;
import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.source.NonFiniteTensor;
import dev.snapfusion.runner.bundle.Component;
import dev.snapfusion.studio.job.RecipeOverrides;
import dev.snapfusion.studio.job.SourceBlocks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "convert", description = "Convert a pipeline to a TFLite bundle (manifest.json + .tflite files).")
final class ConvertCommand implements Callable<Integer> {
    @ParentCommand
    StudioCli cli;

    @Option(names = "--source", required = true, description = "demo:snapfusion, demo:sd15, a preset (sd15, snapfusion, bk-sdm-base|small|tiny, "
            + "or a preset .json: synthetic weights), a diffusers folder, a single-file .safetensors, or derive:PRESET:PATH "
            + "(docs/sources.md).")
    String source;

    @Option(names = "--quant", description = "fp32 | fp16 | int8-dynamic | int8-weight (default: the Settings page's "
            + "Convert quantization, fp32 unless changed).")
    String quant;

    @Option(names = "--out", required = true, description = "Bundle folder to write.")
    Path out;

    @Option(names = "--keep-fp32", split = ",", paramLabel = "PATTERN",
            description = "Keep these fp32: components, blocks or weights, e.g. stem.conv_in,stem.conv_out,'*.attn1' (docs/quantization.md).")
    List<String> keepFp32 = new ArrayList<>();

    @Option(names = "--override", paramLabel = "PATTERN=PRECISION",
            description = "Another precision for matching components, blocks or weights, e.g. vae_decoder=fp16 (repeatable; later wins).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--granularity", paramLabel = "OP=G", split = ",",
            description = "int8 scales per op: conv_2d|fully_connected|batch_matmul = per-channel|per-tensor.")
    List<String> granularity = new ArrayList<>();

    @Option(names = "--no-image-parity", description = "Skip the report's final-image check against an fp32 twin (docs/parity.md).")
    boolean noImageParity;

    @Option(names = "--allow-nonfinite", description = "Convert weights holding NaN or Inf anyway: warn, and list the tensors in "
            + "the report (default: refuse, naming them; docs/sources.md).")
    boolean allowNonFinite;

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = new ConsoleProgress(System.err);
        RecipeOverrides o = RecipeOverrides.parse(overrides, keepFp32, granularity);
        if (!o.rules().isEmpty()) o.requireKnown(source, SourceBlocks.ids(source));
        Quantization q = quant != null ? Quantization.parse(quant) : cli.settings().convertQuantization();
        QuantRecipe recipe = o.applyTo(q.recipe());
        ConvertOptions options = ConvertOptions.DEFAULT.withImageParity(!noImageParity);
        ConvertedBundle b = cli.studio().convert(source, recipe, out, new ConvertListener() {
            @Override
            public void progress(int done, int total, String what) {
                progress.update("Converting", (double) done / total, what);
            }

            @Override
            public void warn(String message) {
                progress.warn(message);
            }
        }, allowNonFinite ? options.allowingNonFinite() : options);
        progress.finish();
        System.out.printf("bundle %s (%s, %s, %s) in %.1f s → %s%n", b.manifest().id(), b.manifest().variant(),
                b.manifest().quantization(), b.manifest().predictionType(), b.seconds(), out.toAbsolutePath());
        for (Component c : b.manifest().components().values()) {
            long bytes = b.manifest().file(c.file()).map(f -> f.size()).orElse(0L);
            System.out.printf("  %-13s %10.2f MB  %,12d params  %8.2f GFLOP%n", c.name(), bytes / 1e6, c.params(), c.flops() / 1e9);
        }
        System.out.printf("  %-13s %10d blocks%n", "unet_blocks", b.manifest().blocks().size());
        printReport(b.report());
        return 0;
    }

    private static void printReport(ConversionReport r) {
        System.out.println("recipe: " + r.recipe());
        for (ConversionReport.Entry e : r.components()) {
            String parity = e.parity() == null ? "" : String.format(Locale.ROOT, "  vs fp32: cosine %.6f, max |err| %.3g",
                    e.parity().cosine(), e.parity().maxAbsError());
            System.out.printf(Locale.ROOT, "  %-13s %10.2f MB  %s%s%n", e.name(), e.bytes() / 1e6, e.paramsByStorage() == null ? ""
                    : e.paramsByStorage(), parity);
            System.out.printf(Locale.ROOT, "  %-13s ops %s%n", "", e.opsByType());
        }
        if (r.imageParity() != null) System.out.println(r.imageParity().summary());
        if (r.note() != null) System.out.println("note: " + r.note());
        if (r.nonfiniteTensors() != null) {
            System.out.println("nonfinite weights converted (--allow-nonfinite): "
                    + NonFiniteTensor.list(r.nonfiniteTensors()));
        }
        System.out.println("report: " + ConversionReport.FILE_NAME + " (FLOPs per block inside)");
    }
}
