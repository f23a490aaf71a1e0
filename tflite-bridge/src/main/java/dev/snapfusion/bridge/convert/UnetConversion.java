package dev.snapfusion.bridge.convert;

import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.arch.UnetConfig;
import dev.snapfusion.bridge.graph.UnetBuilder;
import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.quant.Scheme;
import dev.snapfusion.bridge.source.SyntheticCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One whole UNet with synthetic weights converted straight to a .tflite file: the workload of
 * {@code studio bench convert}. Weights are made, encoded and written one tensor at a time, so memory
 * stays flat whatever the model's size. {@link #main} is the entry point of the measured child JVM.
 */
public final class UnetConversion {
    /** SD-v1.5's UNet widths (FACTS.md); 860 M parameters at these. */
    public static final List<Integer> SD15_CHANNELS = List.of(320, 640, 1280, 1280);

    /** What a run produced. */
    public record Result(Path file, long bytes, long params, double seconds) {
    }

    private UnetConversion() {
    }

    /**
     * SD-v1.5's UNet layout (demo:sd15's stages: 2 cross-attention layers in down.0–2, none in down.3, 3
     * in up.1–3) at the given block widths, with SD-v1.5's norm groups, heads and context width.
     */
    public static UnetConfig sd15(List<Integer> channels) {
        UnetConfig demo = Presets.builtIn("demo:sd15").unet();
        boolean full = channels.get(0) >= 256;
        return new UnetConfig(4, 4, List.copyOf(channels), full ? 32 : demo.normNumGroups(), 1e-5, 8,
                full ? 768 : demo.crossAttentionDim(), demo.stages());
    }

    public static Result run(UnetConfig cfg, int latent, QuantRecipe recipe, Path out) throws IOException {
        UnetBuilder unet = new UnetBuilder(cfg, latent, latent, 77);
        long t0 = System.nanoTime();
        GraphFiles.Written w = GraphFiles.stream(out, recipe.weightFormat("unet"),
                f -> unet.buildWhole("unet", new SyntheticCheckpoint(1), f));
        return new Result(out, w.bytes(), w.graph().params(), (System.nanoTime() - t0) / 1e9);
    }

    /** Peak resident set of this process in MiB (Linux VmHWM), or -1 where /proc is missing. */
    public static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * {@code UnetConversion OUT QUANT CHANNELS LATENT}, e.g. {@code out.tflite fp16 320,640,1280,1280 64}.
     * Prints one JSON line: seconds, bytes, params, peak_rss_mb.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: UnetConversion OUT QUANT CHANNELS LATENT");
            System.exit(2);
        }
        List<Integer> ch = Arrays.stream(args[2].split(",")).map(String::trim).map(Integer::valueOf).toList();
        Result r = run(sd15(ch), Integer.parseInt(args[3]), QuantRecipe.of(Scheme.parse(args[1])), Path.of(args[0]));
        System.out.printf(java.util.Locale.ROOT, "{\"seconds\":%.3f,\"bytes\":%d,\"params\":%d,\"peak_rss_mb\":%.1f}%n",
                r.seconds(), r.bytes(), r.params(), peakRssMb());
    }
}
