package dev.snapfusion.bridge.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.runner.pipeline.Pipeline;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole desktop pipeline (text encoder, 3 DDIM steps with guidance, VAE decoder) on fp32, fp16, int8-weight and
 * int8-dynamic bundles of the same demo source, same prompt and seed: PSNR of each final image against fp32's.
 */
class ImageParityTest {
    private static final String SOURCE = "demo:snapfusion";
    private static final String PROMPT = "a photo of an astronaut riding a horse";
    private static final int STEPS = 3;
    private static final long SEED = 42;

    @TempDir
    Path dir;

    @Test
    void finalImage_quantizedBundles_psnrAgainstFp32MeetsBudget() throws Exception {
        Map<Quantization, int[]> images = new EnumMap<>(Quantization.class);
        for (Quantization q : Quantization.values()) {
            Path bundle = dir.resolve(q.cliName());
            BundleConverter.convert(SOURCE, q, bundle, ConvertListener.NONE);
            images.put(q, generate(bundle, dir.resolve("run-" + q.cliName())));
        }
        int[] ref = images.get(Quantization.FP32);
        assertThat(java.util.Arrays.stream(ref).distinct().count()).as("fp32 image is not flat").isGreaterThan(100);
        StringBuilder out = new StringBuilder("PSNR against fp32 (" + SOURCE + ", " + STEPS + " DDIM steps, seed " + SEED + "):");
        Map<Quantization, Double> psnr = new EnumMap<>(Quantization.class);
        for (Quantization q : new Quantization[] {Quantization.FP16, Quantization.INT8_WEIGHT, Quantization.INT8_DYNAMIC}) {
            psnr.put(q, Agreement.psnr8(ref, images.get(q)));
            out.append(String.format(Locale.ROOT, " %s %.2f dB;", q.cliName(), psnr.get(q)));
        }
        System.out.println(out);
        assertThat(psnr.get(Quantization.FP16)).as(out.toString()).isGreaterThanOrEqualTo(40);
        assertThat(psnr.get(Quantization.INT8_WEIGHT)).as(out.toString()).isGreaterThanOrEqualTo(28);
        assertThat(psnr.get(Quantization.INT8_DYNAMIC)).as(out.toString()).isGreaterThanOrEqualTo(28);
    }

    private static int[] generate(Path bundle, Path out) throws Exception {
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        new Pipeline(new RunnerEventWriter(new PrintStream(events, true, StandardCharsets.UTF_8))).run(new RunRequest(bundle.toString(),
                out.toString(), PROMPT, "", SEED, STEPS, 7.5, RunMode.WHOLE, 2, true, null, "ddim", null));
        BufferedImage img = ImageIO.read(out.resolve("image.png").toFile());
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
