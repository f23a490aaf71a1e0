package dev.snapfusion.studio.cli;

import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.runs.RunDeletion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove a run from the history and delete its folder when that lies inside the "
        + "workspace (a folder written with --out elsewhere is left alone).")
final class RunsDeleteCommand implements Callable<Integer> {
    @ParentCommand
    RunsCommand runs;

    @Parameters(paramLabel = "ID", description = "The run's id (see `studio runs`).")
    String id;

    @Option(names = "--keep-files", description = "Only remove the history entry; keep the run folder.")
    boolean keepFiles;

    @Override
    public Integer call() throws Exception {
        RunDeletion d = runs.index().delete(id, keepFiles).orElseThrow(() -> new StudioError("no run with id '" + id
                + "' in the history of " + runs.cli.studio().workspace().root()
                + "; list the ids with `studio runs`"));
        System.out.println(d.describe());
        return 0;
    }
}
