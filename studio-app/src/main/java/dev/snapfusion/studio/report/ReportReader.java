package dev.snapfusion.studio.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.runner.protocol.BlockTime;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.studio.judge.VariantScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a report folder written by {@link ReportWriter} back into a {@link ComparisonReport} whose images point at
 * the PNGs in that folder. Fields report.json does not carry (bundle id, mode, load times) come back empty.
 * Thread-safe (stateless).
 */
public final class ReportReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportReader() {
    }

    /** @throws ComparisonException naming the folder or file when it is not a readable report */
    public static ComparisonReport read(Path reportDir) {
        Path file = reportDir.resolve(ReportFiles.JSON);
        if (!Files.isRegularFile(file)) {
            throw new ComparisonException(reportDir + " is not a report folder: it has no " + ReportFiles.JSON);
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            int version = req(root, "report_version", file).asInt();
            if (version != ComparisonReport.VERSION) {
                throw new ComparisonException(file + " has report_version " + version + "; this studio reads version "
                        + ComparisonReport.VERSION);
            }
            List<RunSummary> runs = new ArrayList<>();
            for (JsonNode run : req(root, "runs", file)) runs.add(readRun(run, reportDir, file));
            if (runs.size() != 2) throw new ComparisonException(file + " must hold exactly two runs, has " + runs.size());
            return new ComparisonReport(root.path("prompt").asText(""), runs);
        } catch (IOException e) {
            throw new ComparisonException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static RunSummary readRun(JsonNode n, Path dir, Path file) {
        JsonNode tm = req(n, "timings_ms", file);
        List<Double> steps = new ArrayList<>();
        req(tm, "unet_per_step", file).forEach(v -> steps.add(v.asDouble()));
        List<BlockTime> blocks = new ArrayList<>();
        for (JsonNode b : n.path("blocks")) {
            blocks.add(new BlockTime(req(b, "id", file).asText(), req(b, "stage", file).asText(),
                    req(b, "kind", file).asText(), req(b, "ms", file).asDouble()));
        }
        String image = req(n, "image", file).asText();
        Path imagePath = dir.resolve(image).normalize();
        if (!imagePath.startsWith(dir.normalize()) || !Files.isRegularFile(imagePath)) {
            throw new ComparisonException("report folder " + dir + " lacks the image '" + image + "' named in "
                    + ReportFiles.JSON);
        }
        RunTimings t = RunTimings.builder().variant(req(n, "variant", file).asText())
                .quantization(n.path("quantization").asText("")).device(n.path("device").asText(""))
                .runtime(n.path("runtime").asText("")).steps(req(n, "steps", file).asInt()).seed(n.path("seed").asLong())
                .cfg(n.path("cfg").asDouble()).image(image, n.path("width").asInt(), n.path("height").asInt())
                .textEncoderMs(req(tm, "text_encoder", file).asDouble()).unetPerStepMs(steps)
                .decoderMs(req(tm, "decoder", file).asDouble()).totalMs(req(tm, "total", file).asDouble()).blocks(blocks)
                .peakMemoryKb(n.path("peak_memory_kb").asLong(0)).peakMemoryKbByComponent(phasePeaks(n))
                .blockwiseSumOverWhole(tm.path("blockwise_sum_over_whole").asDouble(Double.NaN))
                .blockOverheadMs(tm.path("blockwise_overhead").asDouble(Double.NaN)).build();
        JsonNode bytes = n.get("bundle_bytes");
        long bundleBytes = bytes == null || bytes.isNull() ? -1 : bytes.asLong();
        Map<String, Double> opBlocks = new LinkedHashMap<>();
        for (JsonNode b : n.path("op_blocks")) opBlocks.put(req(b, "id", file).asText(), req(b, "ms", file).asDouble());
        JsonNode a = n.get("adherence");
        VariantScore adherence = a == null || !a.isObject() ? null : new VariantScore(t.variant(), a.path("images").asInt(),
                a.path("judged").asInt(), a.path("background_ok").asInt(), a.path("color_ok").asInt(), a.path("colors_ok").asInt(),
                a.path("shape_ok").asInt());
        return new RunSummary(t, imagePath.toAbsolutePath(), bundleBytes, n.path("device").asText(""), opBlocks, adherence);
    }

    private static JsonNode req(JsonNode n, String name, Path file) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) throw new ComparisonException(file + " lacks '" + name + "'");
        return v;
    }

    private static Map<String, Long> phasePeaks(JsonNode run) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        run.path("peak_memory_kb_by_phase").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }
}
