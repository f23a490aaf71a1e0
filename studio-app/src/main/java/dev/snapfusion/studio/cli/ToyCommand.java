package dev.snapfusion.studio.cli;

import picocli.CommandLine.Command;

@Command(name = "toy", description = "The toy world of drawn shapes that the judge scores (docs/judge.md).",
        subcommands = {ToySampleCommand.class, ToyTrainsetCommand.class})
final class ToyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
