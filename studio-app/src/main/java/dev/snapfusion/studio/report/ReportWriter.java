package dev.snapfusion.studio.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.runner.protocol.BlockTime;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.studio.judge.VariantScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Exports a comparison as a folder: report.json, a self-contained report.html and the two PNGs beside them.
 * Every file is written to a temporary name and moved into place. Thread-safe (stateless).
 *
 * <pre>{@code
 * Path html = ReportWriter.write(ComparisonReport.fromRunDirs(sfRun, sdRun), outDir);
 * }</pre>
 */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportWriter() {
    }

    /**
     * @return the path of report.html
     * @throws ComparisonException when the folder cannot be created or written
     */
    public static Path write(ComparisonReport r, Path outDir) {
        List<String> images = ReportFiles.imageNames(r);
        try {
            Files.createDirectories(outDir);
            for (int i = 0; i < images.size(); i++) {
                ReportFiles.copy(r.runs().get(i).image(), outDir.resolve(images.get(i)));
            }
            ImageDiff diff = ImageDiff.of(r.runs().get(0).image(), r.runs().get(1).image());
            if (diff.comparable()) ReportFiles.writePng(outDir.resolve(ReportFiles.DIFF), diff.heatMapImage());
            ReportFiles.writeString(outDir.resolve(ReportFiles.JSON), toJson(r, images, diff));
            Path html = outDir.resolve(ReportFiles.HTML);
            ReportFiles.writeString(html, ReportHtml.render(r, images, diff));
            return html;
        } catch (IOException e) {
            throw new ComparisonException("cannot write the report to " + outDir + ": " + e.getMessage(), e);
        }
    }

    static String toJson(ComparisonReport r, List<String> images, ImageDiff diff) {
        ObjectNode root = JSON.createObjectNode();
        root.put("report_version", ComparisonReport.VERSION);
        root.put("prompt", r.prompt());
        ArrayNode runs = root.putArray("runs");
        for (int i = 0; i < r.runs().size(); i++) {
            writeRun(runs.addObject(), r.runs().get(i), images.get(i));
        }
        ObjectNode summary = root.putObject("summary");
        putNumber(summary, "unet_step_speedup", r.unetStepSpeedup());
        putNumber(summary, "total_speedup", r.totalSpeedup());
        ObjectNode im = root.putObject("image_difference");   // first image against the second
        if (diff.comparable()) {
            // +inf (identical images) is written as null like every non-finite number, with identical: true
            putNumber(im, "psnr_db", diff.psnrDb());
            im.put("identical", Double.isInfinite(diff.psnrDb()));
            putNumber(im, "ssim", diff.ssim());
            putNumber(im, "mean_abs_diff", diff.meanAbsDiff());
            im.put("heat_map", ReportFiles.DIFF);
        } else {
            im.put("comparable", false);
            im.put("reason", "the images differ in size");
        }
        return root.toPrettyString();
    }

    private static void writeRun(ObjectNode n, RunSummary run, String image) {
        RunTimings t = run.timings();
        n.put("variant", t.variant());
        n.put("device", run.device());
        n.put("runtime", t.runtime());
        n.put("steps", t.steps());
        n.put("seed", t.seed());
        n.put("cfg", t.cfg());
        n.put("image", image);
        n.put("width", t.width());
        n.put("height", t.height());
        n.put("quantization", t.quantization());
        if (run.bundleBytes() >= 0) n.put("bundle_bytes", run.bundleBytes());
        else n.putNull("bundle_bytes");
        n.put("peak_memory_kb", t.peakMemoryKb());
        if (!t.peakMemoryKbByComponent().isEmpty()) {
            ObjectNode pm = n.putObject("peak_memory_kb_by_phase");
            t.peakMemoryKbByComponent().forEach(pm::put);
        }
        ObjectNode tm = n.putObject("timings_ms");
        tm.put("text_encoder", t.textEncoderMs());
        ArrayNode steps = tm.putArray("unet_per_step");
        t.unetPerStepMs().forEach(steps::add);
        putNumber(tm, "unet_median_step", run.unetMedianStepMs());
        tm.put("decoder", t.decoderMs());
        tm.put("total", t.totalMs());
        putNumber(tm, "blockwise_sum_over_whole", t.blockwiseSumOverWhole());
        putNumber(tm, "blockwise_overhead", t.blockOverheadMs());
        ArrayNode blocks = n.putArray("blocks");
        for (BlockTime b : t.blocks()) {
            ObjectNode bn = blocks.addObject();
            bn.put("id", b.id());
            bn.put("stage", b.stage());
            bn.put("kind", b.kind());
            bn.put("ms", b.ms());
        }
        if (run.adherence() != null) {
            // the toy judge over the run's image and the evaluation runs given with it (docs/judge.md)
            VariantScore a = run.adherence();
            ObjectNode an = n.putObject("adherence");
            an.put("images", a.images()).put("judged", a.judged()).put("background_ok", a.backgroundOk())
                    .put("color_ok", a.colorOk()).put("colors_ok", a.colorsOk()).put("shape_ok", a.shapeOk());
            putNumber(an, "color_adherence_pct", a.colorAdherencePct() == null ? Double.NaN : a.colorAdherencePct());
            putNumber(an, "shape_adherence_pct", a.shapeAdherencePct() == null ? Double.NaN : a.shapeAdherencePct());
        }
        if (run.hasOpProfile()) {
            ArrayNode ops = n.putArray("op_blocks");   // the UNet's op profile summed per block (docs/op-profile.md)
            run.opBlockMs().forEach((id, ms) -> ops.addObject().put("id", id).put("ms", ms));
        }
    }

    // JSON has no NaN or Infinity; an unknown number is null.
    private static void putNumber(ObjectNode n, String name, double v) {
        if (Double.isFinite(v)) n.put(name, v);
        else n.putNull(name);
    }
}
