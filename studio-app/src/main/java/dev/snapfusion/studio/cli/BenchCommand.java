package dev.snapfusion.studio.cli;

import picocli.CommandLine.Command;

/** {@code studio bench <what>}: desktop benchmarks that print numbers (never pass/fail). */
@Command(name = "bench", description = "Desktop benchmarks.", subcommands = {BenchUnetCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
