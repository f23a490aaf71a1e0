package dev.snapfusion.link;

/** Exit code and the separate stdout/stderr of a finished command (shell protocol v2). */
public record ShellResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
