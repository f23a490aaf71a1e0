package dev.snapfusion.bridge.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code studio bench convert}: converts a whole UNet with synthetic weights in a child JVM (so its peak
 * RSS, VmHWM, is the conversion's alone), then copies a file the size of the f32 source checkpoint with
 * {@code cp} in the same folder. Both sides end with an fsync, so both are timed to durable output.
 * A benchmark, never a timed test: the figures are printed, not asserted.
 */
public final class ConvertBenchmark {
    /** The figures; {@code convert_s} is the child's conversion time (JVM start-up excluded). */
    public record Figures(double convertS, double cpS, double ratio, double peakRssMb, long outputBytes, long params,
                          long sourceBytes, String quant, String channels) {
    }

    private ConvertBenchmark() {
    }

    public static Figures run(Path dir, String quant, List<Integer> channels, int latent, String heap) throws IOException,
            InterruptedException {
        Files.createDirectories(dir);
        Path out = dir.resolve("bench-unet-" + quant + ".tflite");
        Path src = dir.resolve("bench-source.f32");
        Path copy = dir.resolve("bench-source-copy.f32");
        try {
            String ch = channels.stream().map(String::valueOf).collect(Collectors.joining(","));
            JsonNode child = convertInChild(out, quant, ch, latent, heap);
            long params = child.get("params").asLong();
            long sourceBytes = 4 * params;   // an f32 safetensors file of the same model
            writeFile(src, sourceBytes);
            long t0 = System.nanoTime();
            Process cp = new ProcessBuilder("cp", src.toString(), copy.toString()).inheritIO().start();
            if (cp.waitFor() != 0) throw new IOException("cp failed with exit code " + cp.exitValue());
            try (FileChannel c = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            double cpS = (System.nanoTime() - t0) / 1e9;
            double convertS = child.get("seconds").asDouble();
            return new Figures(convertS, cpS, convertS / cpS, child.get("peak_rss_mb").asDouble(), child.get("bytes").asLong(),
                    params, sourceBytes, quant, ch);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(src);
            Files.deleteIfExists(copy);
        }
    }

    private static JsonNode convertInChild(Path out, String quant, String channels, int latent, String heap)
            throws IOException, InterruptedException {
        String javaBin = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                UnetConversion.class.getName(), out.toString(), quant, channels, String.valueOf(latent)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
            throw new IOException("conversion child failed (exit " + p.exitValue() + "): " + stdout);
        }
        String last = stdout.substring(stdout.lastIndexOf('\n') + 1);
        return ConversionReport.JSON.readTree(last);
    }

    /** Writes {@code size} bytes of incompressible data (a repeated random block), then fsyncs. */
    private static void writeFile(Path file, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(1).nextBytes(block);
        try (OutputStream o = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) o.write(block, 0, (int) Math.min(block.length, left));
        }
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }
}
