package dev.snapfusion.studio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code studio bench <what>}: benchmarks that print figures (one subcommand per workload). */
@Command(name = "bench", description = "Benchmarks: print times, ratios and memory; never pass/fail.",
        subcommands = {BenchConvertCommand.class})
final class BenchCommand implements Runnable {
    @ParentCommand
    StudioCli cli;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
