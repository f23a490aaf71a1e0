package dev.snapfusion.studio.report;

import dev.snapfusion.runner.protocol.OpProfile;
import dev.snapfusion.runner.protocol.OpProfileCodec;
import dev.snapfusion.runner.protocol.RunRequestCodec;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.runner.protocol.RunTimingsCodec;
import dev.snapfusion.runner.protocol.RunnerProtocolException;
import dev.snapfusion.studio.judge.JudgeInputs;
import dev.snapfusion.studio.judge.JudgeItem;
import dev.snapfusion.studio.judge.JudgeReport;
import dev.snapfusion.studio.judge.VariantScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads one pulled run folder (image.png, timings.json, request.json, op_profile.json if any) into a {@link RunSummary}. */
final class RunDirLoader {
    static final String TIMINGS = "timings.json";
    static final String REQUEST = "request.json";

    private RunDirLoader() {
    }

    record Loaded(RunSummary summary, String prompt) {
    }

    static Loaded load(Path dir, RunExtras extras) {
        if (!Files.isDirectory(dir)) throw new ComparisonException("run folder " + dir + " does not exist or is not a folder");
        RunTimings timings;
        try {
            timings = RunTimingsCodec.parse(read(dir.resolve(TIMINGS)));
        } catch (RunnerProtocolException e) {
            throw new ComparisonException(dir.resolve(TIMINGS) + " is malformed: " + e.getMessage(), e);
        }
        String prompt;
        try {
            prompt = RunRequestCodec.parse(read(dir.resolve(REQUEST))).prompt();
        } catch (RunnerProtocolException e) {
            throw new ComparisonException(dir.resolve(REQUEST) + " is malformed: " + e.getMessage(), e);
        }
        Path image = dir.resolve(timings.image()).normalize();
        // The name comes from a file the phone wrote; refuse anything that escapes the run folder.
        if (!image.startsWith(dir.normalize()) || !Files.isRegularFile(image)) {
            throw new ComparisonException("run folder " + dir + " lacks the image '" + timings.image()
                    + "' named in " + TIMINGS);
        }
        String device = extras.device() != null ? extras.device() : timings.device();
        return new Loaded(new RunSummary(timings, image.toAbsolutePath(), extras.bundleBytes(), device, opBlockMs(dir),
                adherence(image, prompt, timings.variant(), extras.judgeRuns())), prompt);
    }

    /** The toy judge over the run's own image and the extra runs' images, all counted as the run's variant. */
    private static VariantScore adherence(Path image, String prompt, String variant, List<Path> judgeRuns) {
        List<JudgeItem> items = new ArrayList<>();
        items.add(new JudgeItem(image, prompt, variant));
        if (!judgeRuns.isEmpty()) items.addAll(JudgeInputs.collectAs(judgeRuns, variant));
        try {
            return JudgeReport.judge(items).variants().get(0);
        } catch (RuntimeException e) {
            throw new ComparisonException("cannot judge the images of " + image.getParent() + ": " + e.getMessage(), e);
        }
    }

    /** The UNet's op-profile block times, or empty when the run was not profiled (op_profile.json is optional). */
    private static Map<String, Double> opBlockMs(Path dir) {
        Path f = dir.resolve(OpProfile.FILE_NAME);
        if (!Files.isRegularFile(f)) return ImportedOpProfile.blockMs(dir);   // a phone profile from benchmark_model, if imported
        try {
            return OpProfileCodec.parse(read(f)).unetBlockMs();
        } catch (RunnerProtocolException e) {
            throw new ComparisonException(f + " is malformed: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ComparisonException("run folder " + file.getParent() + " lacks " + file.getFileName()
                    + "; pull the whole run folder from the device again");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ComparisonException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
