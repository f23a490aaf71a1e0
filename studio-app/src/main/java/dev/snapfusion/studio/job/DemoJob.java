package dev.snapfusion.studio.job;

import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.bridge.toy.ToyCaption;
import dev.snapfusion.bridge.toy.ToyWorld;
import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.PushProgress;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.studio.common.ProgressSink;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.report.ComparisonReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The main job on the built-in default: convert demo:snapfusion and demo:sd15 (the trained toy pair,
 * docs/toy-models.md), push both to a device (the virtual one unless told otherwise), generate the same toy prompt
 * and seed (SnapFusion 8 steps, SD-v1.5 50), then the first {@code evalPrompts} entries of the toy evaluation set with
 * each (whole-UNet runs, for the judge), and write the comparison with each variant's prompt adherence into
 * {@code outDir}.
 */
public final class DemoJob {
    /** An entry of the toy world's evaluation set (docs/judge.md); its seed is the entry's, 2k + 1. */
    public static final String PROMPT = "a red circle on a blue background";
    public static final long SEED = evalSeed(PROMPT);
    /** Evaluation prompts per variant by default: the first 24 entries hold every (shape, background) pair once. */
    public static final int DEFAULT_EVAL_PROMPTS = 8;

    private final Studio studio;
    private final String device;
    private final int evalPrompts;

    public DemoJob(Studio studio, String device) {
        this(studio, device, DEFAULT_EVAL_PROMPTS);
    }

    public DemoJob(Studio studio, String device, int evalPrompts) {
        if (evalPrompts < 0 || evalPrompts > ToyWorld.EVAL_CAPTIONS.size()) {
            throw new StudioError("--eval must be 0.." + ToyWorld.EVAL_CAPTIONS.size() + ", got " + evalPrompts);
        }
        this.studio = studio;
        this.device = device;
        this.evalPrompts = evalPrompts;
    }

    static long evalSeed(String caption) {
        int k = ToyWorld.EVAL_CAPTIONS.indexOf(ToyCaption.parse(caption).orElseThrow());
        return 2L * k + 1;
    }

    public ComparisonReport run(Path outDir, ProgressSink progress) throws IOException {
        Path bundles = studio.workspace().bundles();
        progress.update("Converting", 0.0, "demo:snapfusion → TFLite fp32");
        ConvertedBundle sf = studio.convert("demo:snapfusion", Quantization.FP32, bundles.resolve("demo-snapfusion-fp32"),
                (d, t, w) -> progress.update("Converting", 0.1 * d / t, "demo:snapfusion: " + w));
        progress.update("Converting", 0.1, "demo:sd15 → TFLite fp32");
        ConvertedBundle sd = studio.convert("demo:sd15", Quantization.FP32, bundles.resolve("demo-sd15-fp32"),
                (d, t, w) -> progress.update("Converting", 0.1 + 0.1 * d / t, "demo:sd15: " + w));

        Path runSf = outDir.resolve("runs/snapfusion");
        Path runSd = outDir.resolve("runs/sd15");
        double gen = evalPrompts == 0 ? 0.75 : 0.5;
        generate(sf, runSf, PROMPT, SEED, RunMode.BLOCKWISE, 0.2, 0.2 + gen * 0.3, progress);
        generate(sd, runSd, PROMPT, SEED, RunMode.BLOCKWISE, 0.2 + gen * 0.3, 0.2 + gen, progress);
        List<Path> evalSf = evaluate(sf, outDir.resolve("eval/snapfusion"), 0.2 + gen, 0.2 + gen + (0.75 - gen) * 0.3, progress);
        List<Path> evalSd = evaluate(sd, outDir.resolve("eval/sd15"), 0.2 + gen + (0.75 - gen) * 0.3, 0.95, progress);
        progress.update("Comparing", 0.97, "judging the images, writing report.json and report.html");
        ComparisonReport r = studio.compare(runSf, evalSf, runSd, evalSd, outDir);
        progress.update("Done", 1.0, outDir.resolve("report.html").toString());
        return r;
    }

    /** The first {@code evalPrompts} evaluation entries, each with its own seed, timed whole (no block passes). */
    private List<Path> evaluate(ConvertedBundle b, Path dir, double from, double to, ProgressSink progress) throws IOException {
        return new ToyEvaluation(studio, device).run(b.dir(), dir, evalPrompts, progress, from, to);
    }

    private void generate(ConvertedBundle b, Path runDir, String prompt, long seed, RunMode mode, double from, double to,
                          ProgressSink progress) throws IOException {
        String name = b.manifest().variant().equals("sd15") ? "SD-v1.5" : "SnapFusion";
        int steps = b.manifest().defaultSteps();
        double pushShare = 0.2 * (to - from);
        PushListener push = new PushListener() {
            @Override
            public void onProgress(PushProgress p) {
                double f = p.totalBytes() == 0 ? 1 : (double) p.totalBytesDone() / p.totalBytes();
                progress.update("Pushing", from + pushShare * f, String.format("%s → %s: %s (%.0f MB/s)", name, device,
                        p.file(), p.megabytesPerSecond()));
            }
        };
        studio.generate(new GenerateSpec(device, b.dir(), prompt, "", seed, steps, b.manifest().defaultCfg(), mode,
                0, Duration.ofMinutes(20), runDir), push, e -> {
                    if (e instanceof RunnerEvent.Step s) {
                        progress.update("Generating", from + pushShare + (to - from - pushShare) * s.index() / s.total(),
                                String.format("%s step %d/%d (%.0f ms)", name, s.index(), s.total(), s.ms()));
                    } else if (e instanceof RunnerEvent.Phase p) {
                        progress.update("Generating", p.name().equals("decoder") ? to : from + pushShare, name + " " + p.name() + String.format(" %.0f ms", p.ms()));
                    }
                });
    }
}
