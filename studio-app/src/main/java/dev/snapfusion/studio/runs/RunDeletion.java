package dev.snapfusion.studio.runs;

import java.nio.file.Path;

/** What {@link RunIndex#delete} did with a run's entry (always removed) and its folder. */
public record RunDeletion(RunEntry entry, Folder folder, Path workspace) {
    /** What became of the run folder. */
    public enum Folder {
        /** Inside the workspace: deleted with everything in it. */
        DELETED,
        /** Kept because the caller asked (--keep-files). */
        KEPT,
        /** Outside the workspace (written with {@code --out}): the studio never deletes it. */
        OUTSIDE_WORKSPACE,
        /** The folder is the workspace itself or holds the run index: left alone. */
        PROTECTED,
        /** Already gone. */
        MISSING
    }

    /** One sentence for people, the same in the CLI and the workbench. */
    public String describe() {
        String run = "run " + entry.id();
        return switch (folder) {
            case DELETED -> "Deleted " + run + " and its folder " + entry.folder() + ".";
            case KEPT -> "Deleted " + run + " from the history; its folder " + entry.folder() + " was kept.";
            case OUTSIDE_WORKSPACE -> "Deleted " + run + " from the history only: its folder " + entry.folder()
                    + " is outside the workspace " + workspace + ", so the files were left alone.";
            case PROTECTED -> "Deleted " + run + " from the history only: its folder " + entry.folder()
                    + " holds the workspace's own files, so it was left alone.";
            case MISSING -> "Deleted " + run + " from the history; its folder " + entry.folder() + " was already gone.";
        };
    }
}
