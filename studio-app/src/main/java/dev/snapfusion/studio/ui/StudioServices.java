package dev.snapfusion.studio.ui;

import java.nio.file.Path;

/**
 * Everything the workbench asks of the rest of the studio. The workbench calls these off the FX thread,
 * so implementations may block; they must be safe to call from a background thread.
 *
 * <pre>{@code
 * StudioApp.setServices(new MyServices(workspace));
 * Application.launch(StudioApp.class, args);
 * }</pre>
 */
public interface StudioServices {
    /**
     * Converts the demo models, pushes them, generates with SnapFusion and SD-v1.5 and writes the comparison report.
     *
     * @param outDir a fresh folder for this run's report (the services may create it)
     * @throws Exception with a message a person can act on; the workbench shows the message, not the stack trace
     */
    DemoResult runDemo(Path outDir, ProgressSink progress) throws Exception;

    /** Root folder for the studio's files; demo reports go under {@code workspace()/reports}. */
    Path workspace();
}
