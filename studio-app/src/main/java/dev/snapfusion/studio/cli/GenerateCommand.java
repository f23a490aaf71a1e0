package dev.snapfusion.studio.cli;

import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.RunOutcome;
import dev.snapfusion.runner.protocol.OpProfile;
import dev.snapfusion.runner.protocol.Profile;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.runner.protocol.RunnerProtocolException;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.job.GenerateSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "generate", description = "Run text-to-image on a device and pull the image and timings. "
        + "The prompt travels in a request file, never on a device command line.")
final class GenerateCommand implements Callable<Integer> {
    @ParentCommand
    StudioCli cli;

    @Option(names = "--device", required = true, description = "Device serial, or 'virtual'.")
    String device;

    @Option(names = "--bundle", required = true, description = "Bundle folder; pushed first if the device lacks it.")
    Path bundle;

    @Option(names = "--prompt", required = true)
    String prompt;

    @Option(names = "--negative-prompt", defaultValue = "")
    String negativePrompt;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--steps", defaultValue = "0", description = "Denoising steps (default: the bundle's).")
    int steps;

    @Option(names = "--cfg", defaultValue = "-1", description = "Classifier-free guidance scale (default: the bundle's).")
    double cfg;

    @Option(names = "--blockwise", description = "Run the UNet block by block and time every block.")
    boolean blockwise;

    @Option(names = "--threads", defaultValue = "0", description = "TFLite threads (default: the Settings page's runner "
            + "threads, else 1 on the virtual device, 4 on phones).")
    int threads;

    @Option(names = "--scheduler", description = "ddim, pndm or euler (default: the bundle's, ddim).")
    String scheduler;

    @Option(names = "--init-latents", paramLabel = "FILE.npy",
            description = "Starting latents, float32 [1,4,h,w] .npy (e.g. from diffusers); replaces the seeded noise.")
    Path initLatents;

    @Option(names = "--profile", paramLabel = "ops", description = "ops: after the run, profile one whole-graph pass of "
            + "each component per TFLite op and pull op_profile.json (needs the desktop runtime: the virtual device; "
            + "a phone says so and runs normally). See docs/op-profile.md.")
    String profile;

    @Option(names = "--timeout", defaultValue = "1800", description = "Seconds before the run is cancelled (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--out", required = true, description = "Local run folder for image.png, timings.json, events.jsonl.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Profile prof = profile();
        ConsoleProgress progress = new ConsoleProgress(System.err);
        RunOutcome o = cli.studio().generate(new GenerateSpec(device, bundle, prompt, negativePrompt, seed, steps, cfg,
                blockwise ? RunMode.BLOCKWISE : RunMode.WHOLE, threads > 0 ? threads : cli.settings().runnerThreads(), Duration.ofSeconds(timeoutSeconds), out,
                scheduler == null ? null : scheduler.toLowerCase(java.util.Locale.ROOT), initLatents, prof),
                PushListener.NONE, e -> {
                    if (e instanceof RunnerEvent.Step s) {
                        progress.update("Generating", (double) s.index() / s.total(),
                                String.format("step %d/%d t=%d %.1f ms", s.index(), s.total(), s.timestep(), s.ms()));
                    } else if (e instanceof RunnerEvent.Loaded l) {
                        progress.update("Loading", -1, String.format("%s %.0f ms", l.component(), l.ms()));
                    } else if (e instanceof RunnerEvent.Notice n) {
                        progress.notice(n.code(), n.message());
                    }
                });
        progress.finish();
        for (RunnerEvent e : o.events()) {
            if (e instanceof RunnerEvent.Done d) System.out.printf("done in %.0f ms → %s%n", d.totalMs(), out.resolve(d.image()).toAbsolutePath());
        }
        if (prof == Profile.OPS && Files.isRegularFile(out.resolve(OpProfile.FILE_NAME))) {
            System.out.println("op profile → " + out.resolve(OpProfile.FILE_NAME).toAbsolutePath());
        }
        return 0;
    }

    private Profile profile() {
        if (profile == null) return Profile.NONE;
        try {
            return Profile.fromWire(profile.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (RunnerProtocolException e) {
            throw new StudioError("--profile " + profile + ": unknown; use --profile ops (per-op times, docs/op-profile.md)", e);
        }
    }
}
