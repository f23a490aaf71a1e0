package dev.snapfusion.studio;

import dev.snapfusion.link.LinkOptions;
import dev.snapfusion.studio.cli.StudioCli;
import dev.snapfusion.studio.job.Studio;
import dev.snapfusion.studio.job.StudioServicesImpl;
import dev.snapfusion.studio.job.Workspace;
import dev.snapfusion.studio.ui.StudioApp;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;

/** {@code studio} with no arguments opens the workbench; {@code studio <command>} runs headless. */
public final class StudioMain {
    private StudioMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(StudioCli.execute(args));
        }
        Workspace ws = Workspace.defaultLocation();
        Studio studio = new Studio(ws, new LinkOptions(ws.root(), LinkOptions.DEFAULT_ADB_PORT, Optional.empty(), List.of()));
        StudioApp.setServices(new StudioServicesImpl(studio, "virtual"));
        try {
            Application.launch(StudioApp.class);
        } finally {
            studio.close();
        }
    }
}
