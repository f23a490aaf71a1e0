package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.services.DemoResult;
import dev.snapfusion.studio.services.StudioServices;
import java.nio.file.Path;
import javafx.concurrent.Task;

/** Runs the services' demo off the FX thread; Task coalesces the progress updates onto the FX thread. */
final class DemoTask extends Task<DemoResult> {
    private final StudioServices services;
    private final Path outDir;

    DemoTask(StudioServices services, Path outDir) {
        this.services = services;
        this.outDir = outDir;
    }

    @Override
    protected DemoResult call() throws Exception {
        updateMessage("Starting the demo comparison…");
        updateProgress(-1, 1);
        DemoResult result = services.runDemo(outDir, (phase, fraction, detail) -> {
            updateMessage(detail == null || detail.isEmpty() ? phase : phase + ": " + detail);
            // Task treats a negative workDone as "indeterminate".
            if (fraction < 0) updateProgress(-1, 1);
            else updateProgress(Math.min(1, fraction), 1);
        });
        if (result == null) throw new IllegalStateException("The demo finished without a report.");
        updateProgress(1, 1);
        updateMessage("Report written to " + result.reportDir());
        return result;
    }
}
