package dev.snapfusion.studio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.bridge.convert.ConversionReport;
import dev.snapfusion.bridge.convert.ImageParity;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.job.Studio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code studio parity --reference FP32 --bundle QUANTIZED}: both bundles run on the desktop with the same prompt, seed,
 * steps, scheduler and guidance, and their final images are compared by PSNR. The conversion report does this itself
 * for small models; this command is for full-size bundles and for any two bundles of the same pipeline.
 */
@Command(name = "parity", description = "Run two bundles on the desktop with the same prompt, seed and steps and print the "
        + "PSNR of the candidate's image against the reference's (e.g. an fp16 or int8 bundle against its fp32 bundle).")
final class ParityCommand implements Callable<Integer> {
    /** Exit code when the PSNR is under --min-psnr: the comparison ran, the candidate failed the budget. */
    static final int EXIT_BELOW_BUDGET = 1;

    @Option(names = "--reference", required = true, description = "The reference bundle folder (normally fp32).")
    Path reference;

    @Option(names = "--bundle", required = true, description = "The bundle folder to check.")
    Path bundle;

    @Option(names = "--prompt", defaultValue = "a red circle on a blue background", description = "Prompt (default: ${DEFAULT-VALUE}).")
    String prompt;

    @Option(names = "--negative-prompt", defaultValue = "", description = "Negative prompt (default: empty).")
    String negativePrompt;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the initial latents (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", defaultValue = "4", description = "Denoising steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--scheduler", defaultValue = "ddim", description = "ddim | pndm | euler (default: ${DEFAULT-VALUE}).")
    String scheduler;

    @Option(names = "--cfg", defaultValue = "7.5", description = "Guidance scale (default: ${DEFAULT-VALUE}).")
    double cfg;

    @Option(names = "--threads", defaultValue = "2", description = "TFLite threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--min-psnr", description = "Exit with 1 when the PSNR is below this many dB (default, from the bundle's "
            + "conversion report: 28 if any weight is int8, else 40 if any is fp16, none for fp32).")
    Double minPsnr;

    @Option(names = "--out", description = "Where both images go (default: a folder in the workspace's runs/).")
    Path out;

    @Option(names = "--json", description = "Print one JSON object {psnr_db, identical, max_pixel_diff, min_psnr_db, meets}.")
    boolean json;

    @ParentCommand
    StudioCli cli;

    @Override
    public Integer call() throws IOException {
        BundleManifest ref = Studio.readManifest(reference);
        BundleManifest cand = Studio.readManifest(bundle);
        if (ref.latentHeight() != cand.latentHeight() || ref.latentWidth() != cand.latentWidth()) {
            throw new StudioError(String.format(Locale.ROOT, "%s and %s make images of different sizes (latents %d×%d and %d×%d); "
                    + "compare bundles of the same pipeline", reference, bundle, ref.latentHeight(), ref.latentWidth(),
                    cand.latentHeight(), cand.latentWidth()));
        }
        if (threads < 1) throw new StudioError("--threads must be ≥ 1, got " + threads);
        ImageParity.Settings s;
        try {
            s = new ImageParity.Settings(prompt, negativePrompt, seed, steps, scheduler, cfg);
        } catch (IllegalArgumentException e) {
            throw new StudioError(e.getMessage(), e);
        }
        Double budget = minPsnr != null ? minPsnr : reportedBudget(bundle);
        Path dir = out != null ? out : Files.createDirectories(cli.studio().workspace().runs()).resolve("parity-" + System.currentTimeMillis());
        Files.createDirectories(dir);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        progress.update("Running both bundles on the desktop", 0, reference + " then " + bundle);
        ImageParity.Result r = ImageParity.compare(reference, bundle, s, threads, dir);
        progress.finish();
        boolean meets = budget == null || r.psnrDb() >= budget;
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            if (r.identical()) o.putNull("psnr_db"); else o.put("psnr_db", r.psnrDb());
            o.put("identical", r.identical());
            o.put("max_pixel_diff", r.maxPixelDiff());
            if (budget == null) o.putNull("min_psnr_db"); else o.put("min_psnr_db", budget);
            o.put("meets", meets);
            System.out.println(o);
        } else {
            System.out.printf(Locale.ROOT, "%s (%s) against %s (%s): %s, largest channel difference %d of 255, %d×%d%n",
                    bundle, cand.quantization(), reference, ref.quantization(),
                    r.identical() ? "identical" : String.format(Locale.ROOT, "PSNR %.2f dB", r.psnrDb()), r.maxPixelDiff(),
                    r.width(), r.height());
            System.out.printf(Locale.ROOT, "  %d %s steps, seed %d, CFG %.1f, prompt \"%s\"%n", steps, scheduler, seed, cfg, prompt);
            if (budget != null) System.out.printf(Locale.ROOT, "  budget ≥ %.1f dB: %s%n", budget, meets ? "met" : "NOT met");
            System.out.println("  images: " + r.referenceImage() + ", " + r.candidateImage());
        }
        return meets ? 0 : EXIT_BELOW_BUDGET;
    }

    /**
     * The budget for the precisions the bundle's conversion report says its weights are stored at (so a mixed recipe such
     * as fp16 with int8 overrides gets int8's); none when the bundle has no report.
     */
    private static Double reportedBudget(Path bundle) {
        Path report = bundle.resolve(ConversionReport.FILE_NAME);
        if (!Files.isRegularFile(report)) return null;
        try {
            return ConversionReport.read(report).imageGoalDb();
        } catch (IOException e) {
            throw new StudioError("cannot read " + report + ": " + e.getMessage(), e);
        }
    }
}
