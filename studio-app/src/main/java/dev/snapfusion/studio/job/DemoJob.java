package dev.snapfusion.studio.job;

import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.PushProgress;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.studio.compare.ComparisonReport;
import dev.snapfusion.studio.ui.ProgressSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The main job on the built-in default: convert demo:snapfusion and demo:sd15, push both to a device
 * (the virtual one unless told otherwise), generate the same prompt and seed (SnapFusion 8 steps,
 * SD-v1.5 25), and write the comparison into {@code outDir}.
 */
public final class DemoJob {
    public static final String PROMPT = "a photo of an astronaut riding a horse on mars";
    public static final long SEED = 42;

    private final Studio studio;
    private final String device;

    public DemoJob(Studio studio, String device) {
        this.studio = studio;
        this.device = device;
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
        generate(sf, runSf, 0.2, 0.45, progress);
        generate(sd, runSd, 0.45, 0.95, progress);
        progress.update("Comparing", 0.97, "writing report.json and report.html");
        ComparisonReport r = studio.compare(runSf, runSd, outDir);
        progress.update("Done", 1.0, outDir.resolve("report.html").toString());
        return r;
    }

    private void generate(ConvertedBundle b, Path runDir, double from, double to, ProgressSink progress) throws IOException {
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
        studio.generate(new GenerateSpec(device, b.dir(), PROMPT, "", SEED, steps, b.manifest().defaultCfg(), RunMode.BLOCKWISE,
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
