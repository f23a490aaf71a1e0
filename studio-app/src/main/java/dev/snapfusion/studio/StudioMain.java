package dev.snapfusion.studio;

import dev.snapfusion.link.LinkOptions;
import dev.snapfusion.studio.app.StudioApp;
import dev.snapfusion.studio.cli.StudioCli;
import dev.snapfusion.studio.config.SettingsStore;
import dev.snapfusion.studio.config.StudioSettings;
import dev.snapfusion.studio.job.Studio;
import dev.snapfusion.studio.job.Workspace;
import dev.snapfusion.studio.services.StudioServicesImpl;
import java.nio.file.Path;
import javafx.application.Application;

/**
 * {@code studio} with no arguments opens the workbench; {@code studio open REPORT_DIR} opens it on a report;
 * {@code studio <command>} runs headless. {@code --workspace DIR} first opens the workbench on another workspace.
 */
public final class StudioMain {
    private StudioMain() {
    }

    public static void main(String[] args) {
        // One short line per log record ("INFO: virtual device … connected through adb server …"), not JUL's two-line default.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        // `studio --workspace DIR` (and `studio --workspace DIR open REPORT`) open the workbench on that workspace.
        Path chosen = null;
        String[] rest = args;
        if (args.length >= 2 && args[0].equals("--workspace")) {
            chosen = Path.of(args[1]);
            rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        }
        boolean open = rest.length == 2 && rest[0].equals("open");
        if (rest.length > 0 && !open) {
            System.exit(StudioCli.execute(args));
        }
        if (open) {
            Path report = Path.of(rest[1]);
            if (!java.nio.file.Files.isRegularFile(report.resolve("report.json"))) {
                System.err.println("error: " + report + " is not a report folder (no report.json); make one with `studio demo` or `studio compare`");
                System.exit(StudioCli.EXIT_USER_ERROR);
            }
            StudioApp.setInitialReport(report);
        }
        Workspace ws = chosen != null ? new Workspace(chosen) : Workspace.defaultLocation();
        try {
            dev.snapfusion.studio.log.StudioLog.install(ws.root());
        } catch (java.io.IOException e) {
            java.util.logging.Logger.getLogger(StudioMain.class.getName()).warning("no log file in " + ws.root() + ": " + e.getMessage());
        }
        // The Settings page's adb and remote servers apply from the start (a bad file gives the defaults, with a warning).
        SettingsStore store = SettingsStore.in(ws.root());
        StudioSettings settings = store.load();
        Studio studio = new Studio(ws, new LinkOptions(ws.root(), LinkOptions.DEFAULT_ADB_PORT, settings.adbBinary(),
                settings.remoteServers()));
        StudioApp.setServices(new StudioServicesImpl(studio, "virtual", store));
        try {
            Application.launch(StudioApp.class);
        } finally {
            studio.close();
        }
    }
}
