package dev.snapfusion.studio.ui;

import dev.snapfusion.studio.compare.ComparisonReport;
import dev.snapfusion.studio.compare.ReportReader;
import dev.snapfusion.studio.compare.ReportWriter;
import dev.snapfusion.studio.compare.RunExtras;
import dev.snapfusion.studio.compare.RunFixtures;
import java.nio.file.Path;

/** Stands in for convert → push → generate: writes fixture run folders, then the real report, with progress. */
final class FakeStudioServices implements StudioServices {
    private final Path workspace;
    private final long phaseMillis;

    FakeStudioServices(Path workspace, long phaseMillis) {
        this.workspace = workspace;
        this.phaseMillis = phaseMillis;
    }

    @Override
    public DemoResult runDemo(Path outDir, ProgressSink progress) throws Exception {
        progress.update("Converting", -1, "demo SnapFusion and SD-v1.5 sources");
        Thread.sleep(phaseMillis);
        progress.update("Pushing", 0.3, "unet.tflite 312 / 1,640 MiB");
        Thread.sleep(phaseMillis);
        progress.update("Generating", 0.6, "SnapFusion step 8 / 8");
        Path sf = RunFixtures.snapFusionRun(outDir.resolve("runs/snapfusion"));
        Thread.sleep(phaseMillis);
        progress.update("Generating", 0.8, "SD-v1.5 step 50 / 50");
        Path sd = RunFixtures.sd15Run(outDir.resolve("runs/sd15"));
        progress.update("Comparing", 0.95, "");
        ComparisonReport r = ComparisonReport.fromRunDirs(sf, new RunExtras(826_000_000L, "Pixel 8 Pro"), sd,
                new RunExtras(1_720_000_000L, "Pixel 8 Pro"));
        ReportWriter.write(r, outDir);
        return new DemoResult(outDir, ReportReader.read(outDir));
    }

    @Override
    public Path workspace() {
        return workspace;
    }
}
