package dev.snapfusion.studio.cli;

import dev.snapfusion.studio.job.ToyEvaluation;
import dev.snapfusion.studio.judge.JudgeInputs;
import dev.snapfusion.studio.judge.JudgeItem;
import dev.snapfusion.studio.judge.JudgeReport;
import dev.snapfusion.studio.judge.VariantScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code studio eval --bundle DIR... --count N --out DIR}: the toy evaluation set through each bundle on a device,
 * then the judge's adherence per bundle (docs/toy-models.md). Resumes: finished runs are kept.
 */
@Command(name = "eval", description = "Generate the first N prompts of the toy evaluation set with each bundle on a device "
        + "(the virtual one by default) and print the judge's prompt adherence per bundle. An interrupted run resumes.")
final class EvalCommand implements Callable<Integer> {
    @ParentCommand
    StudioCli cli;

    @Option(names = "--bundle", required = true, arity = "1..*", description = "Bundle folders (one or more).")
    List<Path> bundles = new ArrayList<>();

    @Option(names = "--count", defaultValue = "168", description = "Evaluation entries per bundle, 1..168 (default: ${DEFAULT-VALUE}, all).")
    int count;

    @Option(names = "--device", defaultValue = "virtual", description = "Device serial (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--out", required = true, description = "Folder for the runs: OUT/<bundle folder name>/000, 001, …")
    Path out;

    @Option(names = "--json", description = "Print the judge's JSON (images and per-bundle adherence).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (count < 1) throw new dev.snapfusion.studio.common.StudioError("--count must be 1..168, got " + count);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        ToyEvaluation eval = new ToyEvaluation(cli.studio(), device);
        List<JudgeItem> items = new ArrayList<>();
        for (int i = 0; i < bundles.size(); i++) {
            Path b = bundles.get(i);
            String name = b.toAbsolutePath().normalize().getFileName().toString();
            List<Path> runs = eval.run(b, out.resolve(name), count, progress, (double) i / bundles.size(), (i + 1.0) / bundles.size());
            items.addAll(JudgeInputs.collectAs(runs, name));
        }
        progress.finish();
        JudgeReport r = JudgeReport.judge(items);
        if (json) {
            System.out.println(r.toJson().toPrettyString());
            return 0;
        }
        for (VariantScore v : r.variants()) {
            System.out.printf(Locale.ROOT, "%-28s colour adherence %5.1f %%  shape adherence %5.1f %%  (background %.1f %%, shape colour "
                    + "%.1f %%; %d images)%n", v.variant(), v.colorAdherencePct(), v.shapeAdherencePct(), v.backgroundPct(),
                    v.shapeColorPct(), v.judged());
        }
        return 0;
    }
}
