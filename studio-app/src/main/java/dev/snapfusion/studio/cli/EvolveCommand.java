package dev.snapfusion.studio.cli;

import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.evolution.Action;
import dev.snapfusion.studio.evolution.Evolution;
import dev.snapfusion.studio.evolution.EvolveResult;
import dev.snapfusion.studio.evolution.EvolveSpec;
import dev.snapfusion.studio.evolution.PathStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code studio evolve}: the paper's block-removal search (Algorithm 1) without fine-tuning, from a per-device latency
 * table and block importance measured by skipping blocks (docs/evolve.md).
 */
@Command(name = "evolve", description = "Rank UNet blocks by quality lost per ms saved on a device and remove the worst "
        + "until a per-step latency target is met; writes the proposed architecture as a preset (docs/evolve.md). "
        + "No fine-tuning: the scores say where to look, they are not a finished model.")
final class EvolveCommand implements Callable<Integer> {
    @ParentCommand
    StudioCli cli;

    @Option(names = "--bundle", required = true, description = "Bundle folder to explore.")
    Path bundle;

    @Option(names = "--device", required = true, description = "Device serial, or 'virtual': whose latency table to use "
            + "(measured with one blockwise run if the workspace has none for this bundle).")
    String device;

    @Option(names = "--target-ms", required = true, description = "UNet ms per denoising step to reach (both guidance "
            + "passes, like unet_per_step in timings.json).")
    double targetMs;

    @Option(names = "--prompts", paramLabel = "FILE", description = "Probe prompts, one per line (default: three fixed prompts).")
    Path prompts;

    @Option(names = "--seeds", defaultValue = "2", description = "Seeds per prompt (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--steps", defaultValue = "0", description = "Denoising steps of each probe run (default: the bundle's).")
    int steps;

    @Option(names = "--out", description = "Folder for the preset (default: the workspace's evolve/presets).")
    Path out;

    @Option(names = "--json", description = "Print one JSON object: actions, path, preset, latency_ms and flops.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(bundle.resolve("manifest.json"))) {
            throw new StudioError("--bundle " + bundle + " is not a bundle (no manifest.json); make one with `studio convert`");
        }
        Path outDir = out != null ? out : cli.studio().workspace().root().resolve("evolve").resolve("presets");
        EvolveSpec spec = new EvolveSpec(bundle, device, targetMs, readPrompts(), seeds, steps, outDir);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        EvolveResult r = new Evolution(cli.studio()).run(spec, progress);
        progress.finish();
        if (json) {
            System.out.println(r.toJson().toPrettyString());
            return 0;
        }
        print(r);
        return 0;
    }

    private List<String> readPrompts() throws IOException {
        if (prompts == null) return EvolveSpec.DEFAULT_PROMPTS;
        if (!Files.isRegularFile(prompts)) throw new StudioError("--prompts " + prompts + ": no such file (one prompt per line)");
        List<String> lines = Files.readAllLines(prompts).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) throw new StudioError("--prompts " + prompts + " holds no prompts (one per line)");
        return lines;
    }

    private static void print(EvolveResult r) {
        System.out.println("latency table: " + r.table().describe());
        System.out.printf(Locale.ROOT, "%d skippable blocks, %d fixed; %d UNet pass(es) per step%n", r.candidates().skippable().size(),
                r.candidates().fixed().size(), r.passes());
        System.out.println("ranked removals (importance per ms saved; lower is a better removal):");
        for (Action a : r.search().actions()) {
            System.out.printf(Locale.ROOT, "  %-28s saves %8.2f ms  importance %.5f  value %.3g%n", a.block(), a.msSaved(),
                    a.importance(), a.value());
        }
        System.out.printf(Locale.ROOT, "greedy path from %.1f ms per step to the target %.1f ms:%n", r.search().beforeMs(), r.targetMs());
        for (PathStep s : r.search().path()) {
            System.out.printf(Locale.ROOT, "  -%-27s %8.1f ms  latent cos %.4f  PSNR %5.1f dB  SSIM %.4f%n", s.removed(),
                    s.latencyMs(), s.quality().cosine(), s.quality().psnr(), s.quality().ssim());
        }
        r.export().kept().forEach((id, why) -> System.out.println("note: " + id + " stays in the preset: " + why));
        System.out.printf(Locale.ROOT, "preset (%.1f ms per step) → %s%n", r.presetMs(), r.presetFile().toAbsolutePath());
        if (r.presetMs() > r.targetMs()) {
            System.out.printf(Locale.ROOT, "note: the preset misses the target by %.1f ms: the blocks it keeps cost that%n",
                    r.presetMs() - r.targetMs());
        }
        System.out.println("no fine-tuning was done: convert it with `studio convert --source " + r.presetFile()
                + "` (synthetic weights) or derive:PRESET:PATH, then train (docs/evolve.md)");
    }
}
