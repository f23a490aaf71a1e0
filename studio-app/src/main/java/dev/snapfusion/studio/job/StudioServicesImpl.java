package dev.snapfusion.studio.job;

import dev.snapfusion.studio.ui.DemoResult;
import dev.snapfusion.studio.ui.ProgressSink;
import dev.snapfusion.studio.ui.StudioServices;
import java.nio.file.Path;

/** The workbench's services, backed by the same {@link Studio} core as the command line. */
public final class StudioServicesImpl implements StudioServices {
    private final Studio studio;
    private final String device;

    public StudioServicesImpl(Studio studio, String device) {
        this.studio = studio;
        this.device = device;
    }

    @Override
    public DemoResult runDemo(Path outDir, ProgressSink progress) throws Exception {
        return new DemoResult(outDir, new DemoJob(studio, device).run(outDir, progress));
    }

    @Override
    public Path workspace() {
        return studio.workspace().root();
    }
}
