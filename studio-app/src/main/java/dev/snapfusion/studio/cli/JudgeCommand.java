package dev.snapfusion.studio.cli;

import dev.snapfusion.bridge.toy.ToyVerdict;
import dev.snapfusion.studio.judge.JudgeInputs;
import dev.snapfusion.studio.judge.JudgeReport;
import dev.snapfusion.studio.judge.JudgedImage;
import dev.snapfusion.studio.judge.VariantScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code studio judge RUN_DIR...}: reads the shape, its colour and the background out of each image by fixed pixel
 * rules and checks them against the prompt, for prompts of the toy grammar (docs/judge.md). It measures; it does not
 * gate, so it exits 0 whatever the scores.
 */
@Command(name = "judge", description = "Score images made from toy-world prompts (\"a red circle on a blue background\"): "
        + "is the background, the shape's colour and the shape what the prompt asks? Prints adherence per variant.")
final class JudgeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FOLDER", description = "Run folders (request.json, timings.json, image.png), "
            + "folders of PNGs with captions.jsonl (what `studio toy sample` writes), or folders holding either.")
    List<Path> folders = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object {images: [...], variants: {...}}.")
    boolean json;

    @Override
    public Integer call() {
        JudgeReport r = JudgeReport.judge(JudgeInputs.collect(folders));
        if (json) {
            System.out.println(r.toJson().toPrettyString());
            return 0;
        }
        for (JudgedImage img : r.images()) System.out.println(line(img));
        System.out.println();
        for (VariantScore v : r.variants()) System.out.println(summary(v));
        return 0;
    }

    private static String line(JudgedImage img) {
        String head = String.format(Locale.ROOT, "%-12s ", img.item().variant());
        if (!img.judged()) {
            return head + "not judged (outside the grammar)   \"" + img.item().prompt() + "\"  " + img.item().image();
        }
        ToyVerdict v = img.verdict();
        String saw = v.allOk() ? "" : ", saw: " + v.detected().describe();
        return head + String.format(Locale.ROOT, "background %s  colour %s  shape %s   asked: %s%s  %s", mark(v.backgroundOk()),
                mark(v.colorOk()), mark(v.shapeOk()), v.expected().text(), saw, img.item().image());
    }

    private static String summary(VariantScore v) {
        String name = v.variant();
        if (v.judged() == 0) return String.format(Locale.ROOT, "%s: none of %d images judged", name, v.images());
        return String.format(Locale.ROOT, "%s: %d of %d images judged; colour adherence %.1f %% (background %.1f %%, shape colour "
                        + "%.1f %%), shape adherence %.1f %%", name, v.judged(), v.images(), v.colorAdherencePct(), v.backgroundPct(),
                v.shapeColorPct(), v.shapeAdherencePct());
    }

    private static String mark(boolean ok) {
        return ok ? "ok" : "NO";
    }
}
