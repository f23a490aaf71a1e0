package dev.snapfusion.studio.cli;

import dev.snapfusion.studio.report.ComparisonReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "compare", description = "Compare two runs: report.json, report.html and both images.")
final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    StudioCli cli;

    @Parameters(index = "0", description = "First run folder.")
    Path runA;

    @Parameters(index = "1", description = "Second run folder.")
    Path runB;

    @Option(names = "--out", required = true)
    Path out;

    @Override
    public Integer call() {
        ComparisonReport r = cli.studio().compare(runA, runB, out);
        System.out.printf("UNet step speed-up %.2fx, end-to-end %.2fx%nreport: %s%n", r.unetStepSpeedup(), r.totalSpeedup(),
                out.resolve("report.html").toAbsolutePath());
        return 0;
    }
}
