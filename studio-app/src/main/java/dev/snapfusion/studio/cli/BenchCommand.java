package dev.snapfusion.studio.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", description = "Benchmarks that print numbers (docs/benchmarks.md).",
        subcommands = {BenchConvertCommand.class, BenchPushCommand.class, BenchUnetCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.ParentCommand
    StudioCli cli;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
