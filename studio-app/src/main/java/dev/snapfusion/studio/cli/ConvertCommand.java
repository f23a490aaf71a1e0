package dev.snapfusion.studio.cli;

import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.runner.bundle.Component;
import java.nio.file.Path;
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

    @Option(names = "--quant", defaultValue = "fp32", description = "fp32 | fp16 | int8-dynamic | int8-weight (default: ${DEFAULT-VALUE}).")
    String quant;

    @Option(names = "--out", required = true, description = "Bundle folder to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = new ConsoleProgress(System.err);
        ConvertedBundle b = cli.studio().convert(source, Quantization.parse(quant), out,
                (d, t, w) -> progress.update("Converting", (double) d / t, w));
        progress.finish();
        System.out.printf("bundle %s (%s, %s, %s) in %.1f s → %s%n", b.manifest().id(), b.manifest().variant(),
                b.manifest().quantization(), b.manifest().predictionType(), b.seconds(), out.toAbsolutePath());
        for (Component c : b.manifest().components().values()) {
            long bytes = b.manifest().file(c.file()).map(f -> f.size()).orElse(0L);
            System.out.printf("  %-13s %10.2f MB  %,12d params  %8.2f GFLOP%n", c.name(), bytes / 1e6, c.params(), c.flops() / 1e9);
        }
        System.out.printf("  %-13s %10d blocks%n", "unet_blocks", b.manifest().blocks().size());
        return 0;
    }
}
