package dev.snapfusion.studio.job;

import dev.snapfusion.bridge.toy.ToyWorld;
import dev.snapfusion.link.PushListener;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunRequestCodec;
import dev.snapfusion.studio.common.Folders;
import dev.snapfusion.studio.common.ProgressSink;
import dev.snapfusion.studio.common.StudioError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates the first entries of the toy evaluation set (docs/judge.md) with one bundle on one device: entry k's
 * caption with its seed 2k + 1, the bundle's default steps and CFG, the UNet timed whole. Run folders
 * {@code <outDir>/000, 001, …}; a folder that already holds its image and timings is kept, so an interrupted
 * evaluation resumes where it stopped.
 */
public final class ToyEvaluation {
    private final Studio studio;
    private final String device;

    public ToyEvaluation(Studio studio, String device) {
        this.studio = studio;
        this.device = device;
    }

    /** Progress goes from {@code from} to {@code to}, one update per prompt. Returns the run folders, in order. */
    public List<Path> run(Path bundleDir, Path outDir, int count, ProgressSink progress, double from, double to) throws IOException {
        if (count < 0 || count > ToyWorld.EVAL_CAPTIONS.size()) {
            throw new StudioError("the toy evaluation set has " + ToyWorld.EVAL_CAPTIONS.size() + " entries; asked for " + count);
        }
        BundleManifest m = Studio.readManifest(bundleDir);
        String name = bundleDir.getFileName().toString();
        List<Path> runs = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Path run = outDir.resolve(String.format(Locale.ROOT, "%03d", k));
            String caption = ToyWorld.EVAL_CAPTIONS.get(k).text();
            progress.update("Evaluating", from + (to - from) * k / Math.max(1, count),
                    String.format(Locale.ROOT, "%s %d/%d: %s", name, k + 1, count, caption));
            long seed = 2L * k + 1;
            if (!done(run, m, caption, seed)) {
                if (Files.exists(run)) Folders.deleteTree(run);   // another bundle's or other settings': redone, never mixed in
                studio.generate(new GenerateSpec(device, bundleDir, caption, "", seed, m.defaultSteps(), m.defaultCfg(),
                        RunMode.WHOLE, 0, Duration.ofMinutes(20), run), PushListener.NONE, e -> { });
            }
            runs.add(run);
        }
        progress.update("Evaluating", to, name + ": " + count + " prompts");
        return runs;
    }

    /**
     * A folder is kept only when it holds a finished run of this very bundle (its id) with this entry's caption and seed
     * and the bundle's default steps and CFG: an evaluation resumed into a folder of older weights must not count them.
     */
    static boolean done(Path run, BundleManifest m, String caption, long seed) {
        if (!Files.isRegularFile(run.resolve("timings.json")) || !Files.isRegularFile(run.resolve("image.png"))
                || !Files.isRegularFile(run.resolve("request.json"))) {
            return false;
        }
        try {
            RunInfo info = RunInfo.read(run);
            RunRequest r = RunRequestCodec.parse(Files.readString(run.resolve("request.json")));
            return info != null && info.bundleId().equals(m.id()) && r.prompt().equals(caption) && r.seed() == seed
                    && r.steps() == m.defaultSteps() && r.cfg() == m.defaultCfg();
        } catch (IOException | RuntimeException e) {
            return false;   // unreadable: made again
        }
    }
}
