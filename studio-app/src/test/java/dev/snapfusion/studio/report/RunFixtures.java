package dev.snapfusion.studio.report;

import dev.snapfusion.runner.protocol.BlockTime;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunRequestCodec;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.runner.protocol.RunTimingsCodec;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Run folders as the device runner leaves them, with block tables that follow SD-v1.5 and the SnapFusion UNet
 * (paper's Table 3): SnapFusion has no cross-attention in down.0 and up.3, six in up.1.
 */
public final class RunFixtures {
    public static final String PROMPT = "a photo of an astronaut riding a horse on mars";

    private RunFixtures() {
    }

    /** SnapFusion, 8 steps, about 230 ms per UNet step. */
    public static Path snapFusionRun(Path dir) throws IOException {
        int[][] counts = {{0, 2}, {2, 2}, {2, 1}, {0, 1}, {1, 4}, {0, 2}, {6, 2}, {3, 3}, {0, 3}};
        return write(dir, "snapfusion", 8, blocks(counts, 0.34), new Color(0x1d4e89), new Color(0xf79256), 116, 4);
    }

    /** SD-v1.5, 50 steps, about 1,700 ms per UNet step. */
    public static Path sd15Run(Path dir) throws IOException {
        int[][] counts = {{2, 2}, {2, 2}, {2, 2}, {0, 2}, {1, 2}, {0, 3}, {3, 3}, {3, 3}, {3, 3}};
        return write(dir, "sd15", 50, blocks(counts, 1.35), new Color(0x00a6a6), new Color(0xefca08), 369, 8);
    }

    public static RunTimings timings(String variant, int steps, List<BlockTime> blocks, double decoderMs,
                                     double textEncoderMs) {
        double step = blocks.stream().mapToDouble(BlockTime::ms).sum();
        List<Double> perStep = new ArrayList<>();
        for (int i = 0; i < steps; i++) perStep.add(step * (1 + 0.01 * ((i * 7) % 5)));
        double total = textEncoderMs + perStep.stream().mapToDouble(Double::doubleValue).sum() + decoderMs;
        return RunTimings.builder().variant(variant).bundleId(variant + "-fp16").quantization("fp16").mode("blockwise")
                .device("Pixel 8 Pro").runtime("TFLite 2.16.1 (Java API)").steps(steps).seed(42).cfg(7.5)
                .image("image.png", 64, 64).loadMs(Map.of("unet", 900.0)).textEncoderMs(textEncoderMs)
                .unetPerStepMs(perStep).decoderMs(decoderMs).totalMs(total).blocks(blocks)
                .peakMemoryKb(variant.equals("sd15") ? 2_900_000 : 1_600_000).blockwiseSumOverWhole(1.03)
                .blockOverheadMs(variant.equals("sd15") ? 12.0 : 6.0)
                .peakMemoryKbByComponent(Map.of("unet", variant.equals("sd15") ? 2_900_000L : 1_600_000L)).build();
    }

    public static Path write(Path dir, RunTimings t, Color from, Color to) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("timings.json"), RunTimingsCodec.toJson(t));
        RunRequest req = new RunRequest("/data/local/tmp/snapfusion/bundles/" + t.bundleId(), "/data/local/tmp/out",
                PROMPT, "", t.seed(), t.steps(), t.cfg(), RunMode.BLOCKWISE, 2, true, null);
        Files.writeString(dir.resolve("request.json"), RunRequestCodec.toJson(req));
        Files.writeString(dir.resolve("events.jsonl"), "");
        writePng(dir.resolve(t.image()), t.width(), from, to);
        return dir;
    }

    private static Path write(Path dir, String variant, int steps, List<BlockTime> blocks, Color from, Color to,
                              double decoderMs, double textMs) throws IOException {
        return write(dir, timings(variant, steps, blocks, decoderMs, textMs), from, to);
    }

    /** counts[i] = {cross-attention, resnet} of stage i in down.0..3, mid, up.0..3 order; times scale with resolution. */
    static List<BlockTime> blocks(int[][] counts, double scale) {
        String[] stages = {"down.0", "down.1", "down.2", "down.3", "mid", "up.0", "up.1", "up.2", "up.3"};
        // Attention cost grows with the token count, so the 64×64 stages dominate (the paper's Fig. 2).
        double[] caMs = {110, 32, 12, 0, 10, 0, 14, 42, 125};
        double[] rbMs = {24, 14, 9, 6, 6, 8, 12, 20, 30};
        List<BlockTime> out = new ArrayList<>();
        out.add(new BlockTime("conv_in", "stem", "stem", 3 * scale));
        for (int s = 0; s < stages.length; s++) {
            for (int i = 0; i < counts[s][1]; i++) {
                out.add(new BlockTime(stages[s] + ".resnets." + i, stages[s], "resnet", rbMs[s] * scale));
            }
            for (int i = 0; i < counts[s][0]; i++) {
                out.add(new BlockTime(stages[s] + ".attentions." + i, stages[s], "cross_attention", caMs[s] * scale));
            }
            if (s < 3) out.add(new BlockTime(stages[s] + ".downsample", stages[s], "downsample", 8 * scale));
            if (s >= 5 && s < 8) out.add(new BlockTime(stages[s] + ".upsample", stages[s], "upsample", 9 * scale));
        }
        out.add(new BlockTime("conv_out", "stem", "stem", 2 * scale));
        return out;
    }

    private static void writePng(Path file, int size, Color from, Color to) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, from, size, size, to));
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(255, 255, 255, 180));
        g.fillOval(size / 4, size / 4, size / 2, size / 2);
        g.dispose();
        if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no PNG writer");
    }
}
