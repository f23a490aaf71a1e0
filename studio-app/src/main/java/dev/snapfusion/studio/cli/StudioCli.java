package dev.snapfusion.studio.cli;

import dev.snapfusion.link.LinkException;
import dev.snapfusion.link.LinkOptions;
import dev.snapfusion.runner.bundle.BundleFormatException;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.config.SettingsStore;
import dev.snapfusion.studio.config.StudioSettings;
import dev.snapfusion.studio.job.Studio;
import dev.snapfusion.studio.job.Workspace;
import dev.snapfusion.studio.ops.OpProfileException;
import dev.snapfusion.studio.report.ComparisonException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code studio <command>}: the headless face of the same services the workbench uses. */
@Command(name = "studio", mixinStandardHelpOptions = true, version = "SnapFusion Studio 0.1.0",
        description = "Convert diffusion models to TFLite, push them to Android phones, run and compare them.",
        subcommands = {DemoCommand.class, EvalCommand.class, ConvertCommand.class, DevicesCommand.class, PushCommand.class,
                GenerateCommand.class, CompareCommand.class, JudgeCommand.class, ToyCommand.class, TokenizeCommand.class,
                ParityCommand.class, EvolveCommand.class, LsCommand.class, CleanCommand.class, BenchCommand.class,
                OpsCommand.class, RunsCommand.class})
public final class StudioCli implements Runnable {
    public static final int EXIT_USER_ERROR = 2;
    public static final int EXIT_FAILURE = 3;

    @Option(names = "--workspace", description = "Studio folder (default: $SNAPFUSION_HOME or ~/.snapfusion-studio).")
    Path workspace;

    @Option(names = "--adb-port", defaultValue = "5037", description = "Port of the local adb server (default: ${DEFAULT-VALUE}).")
    int adbPort;

    @Option(names = "--adb", description = "Path of the adb binary (default: the Settings page's, else PATH, "
            + "$ANDROID_HOME/platform-tools).")
    Path adb;

    @Option(names = "--remote", description = "A remote adb server host:port (repeatable), e.g. an ssh tunnel to a device farm; "
            + "added to the Settings page's servers.")
    List<String> remotes = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Studio studio;
    private Workspace ws;
    private StudioSettings settings;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    synchronized Studio studio() {
        if (studio == null) {
            Workspace w = workspaceFolder();
            StudioSettings s = settings();
            studio = new Studio(w, new LinkOptions(w.root(), adbPort, adb != null ? Optional.of(adb) : s.adbBinary(),
                    servers(s.remoteServers(), remotes)));
        }
        return studio;
    }

    private synchronized Workspace workspaceFolder() {
        if (ws == null) ws = workspace != null ? new Workspace(workspace) : Workspace.defaultLocation();
        return ws;
    }

    /**
     * What the workbench's Settings page saved in this workspace ({@code settings/studio.properties}): the adb binary
     * and remote servers, the runner threads and Convert's quantization, used where a command's own option is not
     * given. A missing or unreadable file gives the defaults.
     */
    synchronized StudioSettings settings() {
        if (settings == null) settings = SettingsStore.in(workspaceFolder().root()).load();
        return settings;
    }

    /** The saved servers, then those given with --remote, each once. */
    static List<String> servers(List<String> saved, List<String> given) {
        LinkedHashSet<String> all = new LinkedHashSet<>(saved);
        all.addAll(given);
        return List.copyOf(all);
    }

    void closeStudio() {
        if (studio != null) studio.close();
    }

    public static int execute(String... args) {
        StudioCli root = new StudioCli();
        CommandLine cl = new CommandLine(root);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (isUserError(ex)) {
                err.println("error: " + ex.getMessage());
                return EXIT_USER_ERROR;
            }
            err.println("error: " + ex);
            ex.printStackTrace(err);
            return EXIT_FAILURE;
        });
        try {
            return cl.execute(args);
        } finally {
            root.closeStudio();
        }
    }

    private static boolean isUserError(Throwable ex) {
        return ex instanceof StudioError || ex instanceof LinkException || ex instanceof BundleFormatException
                || ex instanceof ComparisonException || ex instanceof IllegalArgumentException
                || ex instanceof dev.snapfusion.bridge.arch.PresetException || ex instanceof OpProfileException;
    }
}
