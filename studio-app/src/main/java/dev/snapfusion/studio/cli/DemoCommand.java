package dev.snapfusion.studio.cli;

import dev.snapfusion.studio.job.DemoJob;
import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.RunSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", description = "The whole main job on the built-in default: convert demo:snapfusion and demo:sd15, "
        + "push, generate the same toy prompt and seed on a device (the virtual one by default) and a few prompts of the toy "
        + "evaluation set, write the comparison with speed-ups and prompt adherence.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    StudioCli cli;

    @Option(names = "--out", required = true, description = "Folder for report.json, report.html and the images.")
    Path out;

    @Option(names = "--device", defaultValue = "virtual", description = "Device serial (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--eval", defaultValue = "" + DemoJob.DEFAULT_EVAL_PROMPTS, description = "Also generate this many prompts "
            + "of the toy evaluation set with each variant, and report the judge's prompt adherence over them (0..168, "
            + "default: ${DEFAULT-VALUE}).")
    int eval;

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = new ConsoleProgress(System.err);
        ComparisonReport r = new DemoJob(cli.studio(), device, eval).run(out, progress);
        progress.finish();
        for (RunSummary s : r.runs()) {
            System.out.printf("%-11s %2d steps  UNet median step %8.1f ms  decoder %7.1f ms  total %8.1f ms  on %s%n",
                    s.displayName(), s.timings().steps(), s.unetMedianStepMs(), s.timings().decoderMs(), s.timings().totalMs(),
                    s.device());
        }
        System.out.printf("UNet step speed-up %.2fx, end-to-end %.2fx%n", r.unetStepSpeedup(), r.totalSpeedup());
        if (!r.adherenceSummary().isEmpty()) System.out.println(r.adherenceSummary());
        System.out.println("report: " + out.resolve("report.html").toAbsolutePath());
        return 0;
    }
}
