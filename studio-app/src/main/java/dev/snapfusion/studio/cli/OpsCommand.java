package dev.snapfusion.studio.cli;

import picocli.CommandLine.Command;

@Command(name = "ops", description = "Per-op profiles of TFLite's benchmark_model (docs/op-profiles.md).",
        subcommands = {OpsImportCommand.class, OpsRunCommand.class})
final class OpsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
