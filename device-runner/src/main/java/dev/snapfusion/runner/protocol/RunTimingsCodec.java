package dev.snapfusion.runner.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The one reader and writer of timings.json. Thread-safe. */
public final class RunTimingsCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunTimingsCodec() {
    }

    public static String toJson(RunTimings t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("variant", t.variant());
        n.put("bundle_id", t.bundleId());
        n.put("quantization", t.quantization());
        n.put("mode", t.mode());
        n.put("device", t.device());
        n.put("runtime", t.runtime());
        n.put("steps", t.steps());
        n.put("seed", t.seed());
        n.put("cfg", t.cfg());
        n.put("image", t.image());
        n.put("width", t.width());
        n.put("height", t.height());
        ObjectNode tm = n.putObject("timings_ms");
        ObjectNode load = tm.putObject("load");
        new TreeMap<>(t.loadMs()).forEach(load::put);
        tm.put("text_encoder", t.textEncoderMs());
        t.unetPerStepMs().forEach(tm.putArray("unet_per_step")::add);
        tm.put("decoder", t.decoderMs());
        tm.put("total", t.totalMs());
        if (!Double.isNaN(t.blockwiseSumOverWhole())) tm.put("blockwise_sum_over_whole", t.blockwiseSumOverWhole());
        if (!Double.isNaN(t.blockOverheadMs())) tm.put("blockwise_overhead", t.blockOverheadMs());
        var blocks = n.putArray("blocks");
        for (BlockTime b : t.blocks()) {
            ObjectNode bn = blocks.addObject();
            bn.put("id", b.id());
            bn.put("stage", b.stage());
            bn.put("kind", b.kind());
            bn.put("ms", b.ms());
        }
        n.put("peak_memory_kb", t.peakMemoryKb());
        if (!t.peakMemoryKbByComponent().isEmpty()) {
            ObjectNode pm = n.putObject("peak_memory_kb_by_phase");
            t.peakMemoryKbByComponent().forEach(pm::put);
        }
        return n.toPrettyString();
    }

    public static RunTimings parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            JsonNode tm = req(n, "timings_ms");
            Map<String, Double> load = new TreeMap<>();
            tm.path("load").fields().forEachRemaining(e -> load.put(e.getKey(), e.getValue().asDouble()));
            List<Double> steps = new ArrayList<>();
            req(tm, "unet_per_step").forEach(v -> steps.add(v.asDouble()));
            List<BlockTime> blocks = new ArrayList<>();
            for (JsonNode b : req(n, "blocks")) {
                blocks.add(new BlockTime(req(b, "id").asText(), req(b, "stage").asText(), req(b, "kind").asText(),
                        req(b, "ms").asDouble()));
            }
            Map<String, Long> peaks = new LinkedHashMap<>();
            n.path("peak_memory_kb_by_phase").fields().forEachRemaining(e -> peaks.put(e.getKey(), e.getValue().asLong()));
            return RunTimings.builder()
                    .variant(req(n, "variant").asText()).bundleId(n.path("bundle_id").asText(""))
                    .quantization(n.path("quantization").asText("")).mode(n.path("mode").asText(""))
                    .device(n.path("device").asText("")).runtime(n.path("runtime").asText(""))
                    .steps(req(n, "steps").asInt()).seed(req(n, "seed").asLong()).cfg(req(n, "cfg").asDouble())
                    .image(req(n, "image").asText(), req(n, "width").asInt(), req(n, "height").asInt())
                    .loadMs(load).textEncoderMs(req(tm, "text_encoder").asDouble()).unetPerStepMs(steps)
                    .decoderMs(req(tm, "decoder").asDouble()).totalMs(req(tm, "total").asDouble()).blocks(blocks)
                    .peakMemoryKb(n.path("peak_memory_kb").asLong(0))
                    .blockwiseSumOverWhole(optDouble(tm, "blockwise_sum_over_whole"))
                    .blockOverheadMs(optDouble(tm, "blockwise_overhead"))
                    .peakMemoryKbByComponent(peaks)
                    .build();
        } catch (IOException e) {
            throw new RunnerProtocolException("timings.json is not JSON: " + e.getMessage(), e);
        }
    }

    private static double optDouble(JsonNode n, String name) {
        return n.has(name) ? n.get(name).asDouble() : Double.NaN;
    }

    private static JsonNode req(JsonNode n, String name) {
        JsonNode v = n == null ? null : n.get(name);
        if (v == null || v.isNull()) throw new RunnerProtocolException("timings.json lacks '" + name + "'");
        return v;
    }
}
