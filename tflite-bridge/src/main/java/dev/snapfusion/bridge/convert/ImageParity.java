package dev.snapfusion.bridge.convert;

import dev.snapfusion.bridge.reference.Agreement;
import dev.snapfusion.runner.pipeline.Pipeline;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The final image of a bundle against a reference bundle's (normally its fp32 twin): the whole pipeline (text encoder,
 * denoising with guidance, VAE decoder) runs on the desktop for both with the same prompt, seed, steps, scheduler and
 * guidance, and the two 8-bit images are compared by PSNR. The conversion report carries it for small models; `studio
 * parity` runs it on any two bundles.
 *
 * <pre>{@code
 * ImageParity.Result r = ImageParity.compare(fp32Dir, fp16Dir, ImageParity.Settings.REPORT, 2, scratchDir);
 * }</pre>
 */
public final class ImageParity {
    /** The budgets: fp16 ≥ 40 dB, any int8 ≥ 28 dB (docs/parity.md). */
    public static final double FP16_GOAL_DB = 40, INT8_GOAL_DB = 28;

    private ImageParity() {
    }

    /** What both runs use. */
    public record Settings(String prompt, String negativePrompt, long seed, int steps, String scheduler, double cfg) {
        /** The conversion report's run: short (4 steps) so it stays cheap, guided so both UNet passes are exercised. */
        public static final Settings REPORT = new Settings("a red circle on a blue background", "", 42, 4, "ddim", 7.5);

        public Settings {
            if (steps < 1) throw new IllegalArgumentException("steps must be ≥ 1, got " + steps);
            if (prompt == null) prompt = "";
            if (negativePrompt == null) negativePrompt = "";
        }
    }

    /**
     * Both images and their agreement.
     *
     * @param psnrDb PSNR over the RGB channels in dB; {@link Double#POSITIVE_INFINITY} when the images are identical
     * @param maxPixelDiff the largest difference of one 8-bit channel value
     */
    public record Result(double psnrDb, int maxPixelDiff, int width, int height, Path referenceImage, Path candidateImage) {
        public boolean identical() {
            return maxPixelDiff == 0;
        }
    }

    /**
     * Runs both bundles (threads TFLite threads, XNNPACK on) and writes {@code reference.png} and {@code candidate.png}
     * under {@code outDir}. Fails with a message naming the bundle when a run fails or the image sizes differ.
     */
    public static Result compare(Path reference, Path candidate, Settings s, int threads, Path outDir) throws IOException {
        BufferedImage a = run(reference, s, threads, outDir.resolve("reference"));
        BufferedImage b = run(candidate, s, threads, outDir.resolve("candidate"));
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("the bundles make images of different sizes: " + reference + " makes "
                    + a.getWidth() + "×" + a.getHeight() + ", " + candidate + " makes " + b.getWidth() + "×" + b.getHeight());
        }
        int[] pa = a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth());
        int[] pb = b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
        int max = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                max = Math.max(max, Math.abs(((pa[i] >> shift) & 255) - ((pb[i] >> shift) & 255)));
            }
        }
        return new Result(Agreement.psnr8(pa, pb), max, a.getWidth(), a.getHeight(),
                outDir.resolve("reference").resolve("image.png"), outDir.resolve("candidate").resolve("image.png"));
    }

    private static BufferedImage run(Path bundle, Settings s, int threads, Path out) throws IOException {
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        RunRequest req = new RunRequest(bundle.toAbsolutePath().toString(), out.toAbsolutePath().toString(), s.prompt(),
                s.negativePrompt(), s.seed(), s.steps(), s.cfg(), RunMode.WHOLE, threads, true, null, s.scheduler(), null);
        try {
            new Pipeline(new RunnerEventWriter(new PrintStream(events, true, StandardCharsets.UTF_8))).run(req);
        } catch (RuntimeException e) {
            throw new IOException("generating with " + bundle + " failed: " + e.getMessage(), e);
        }
        BufferedImage img = ImageIO.read(out.resolve("image.png").toFile());
        if (img == null) throw new IOException(bundle + ": the run wrote no readable image.png in " + out);
        return img;
    }
}
