package dev.snapfusion.studio.cli;

import dev.snapfusion.bridge.convert.ConvertBenchmark;
import dev.snapfusion.bridge.convert.UnetConversion;
import dev.snapfusion.bridge.quant.Scheme;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "convert", description = "Convert the full-size SD-v1.5 UNet (synthetic weights) to one .tflite in a child JVM; "
        + "print the time, the time of cp on a file the size of its f32 checkpoint, their ratio and the peak RSS.")
final class BenchConvertCommand implements Callable<Integer> {
    @Option(names = "--quant", defaultValue = "fp16", description = "fp16 | int8-dynamic | int8-weight | fp32 (default: ${DEFAULT-VALUE}; "
            + "fp32 is over TFLite's 2 GB limit at full size).")
    String quant;

    @Option(names = "--dir", description = "Folder for the output and the cp test, on the disk to measure (default: the temp folder).")
    Path dir;

    @Option(names = "--channels", defaultValue = "320,640,1280,1280", description = "UNet block widths (default: SD-v1.5's ${DEFAULT-VALUE}).")
    String channels;

    @Option(names = "--latent", defaultValue = "64", description = "Latent height and width (default: ${DEFAULT-VALUE}, i.e. 512 px).")
    int latent;

    @Option(names = "--heap", defaultValue = "768m", description = "-Xmx of the converting JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--json", description = "Print one JSON object {convert_s, cp_s, ratio, peak_rss_mb}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Scheme s = Scheme.parse(quant);
        List<Integer> ch;
        try {
            ch = Arrays.stream(channels.split(",")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--channels " + channels + ": expected four integers like 320,640,1280,1280");
        }
        if (ch.size() != 4) throw new IllegalArgumentException("--channels " + channels + ": expected four block widths");
        Path where = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "snapfusion-bench");
        ConvertBenchmark.Figures f = ConvertBenchmark.run(where, s.cliName(), ch, latent, heap);
        if (json) {
            System.out.printf(Locale.ROOT, "{\"convert_s\":%.3f,\"cp_s\":%.3f,\"ratio\":%.3f,\"peak_rss_mb\":%.1f}%n",
                    f.convertS(), f.cpS(), f.ratio(), f.peakRssMb());
        } else {
            System.out.printf(Locale.ROOT, "UNet %s (%s, %,d params) → %s: %.2f GB%n", UnetConversion.class.getSimpleName(),
                    f.channels(), f.params(), f.quant(), f.outputBytes() / 1e9);
            System.out.printf(Locale.ROOT, "convert  %8.2f s%n", f.convertS());
            System.out.printf(Locale.ROOT, "cp       %8.2f s  (%.2f GB, the f32 checkpoint's size, same folder)%n", f.cpS(), f.sourceBytes() / 1e9);
            System.out.printf(Locale.ROOT, "ratio    %8.2f    (goal ≤ 2)%n", f.ratio());
            System.out.printf(Locale.ROOT, "peak RSS %8.0f MB (goal ≤ 1536)%n", f.peakRssMb());
        }
        return 0;
    }
}
