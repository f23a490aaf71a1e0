package dev.snapfusion.studio.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.runner.Median;
import dev.snapfusion.runner.protocol.BlockTime;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.studio.common.StudioError;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A latency lookup table (the paper's LUT, arXiv 2306.00980 §3.2): the median time of each UNet block on one device,
 * for one bundle, under one runtime, from blockwise runs' timings.json. One UNet evaluation costs the sum of its blocks'
 * medians; the blockwise overhead between block files is left out, as a fused graph does not pay it.
 *
 * @param serial the studio's name for the device ({@code --device}), the table's key
 * @param device what the runner called the device (timings.json {@code device})
 * @param created when the table was made (ISO-8601)
 * @param sources the run folders it was made from
 * @param blockMs median ms per block id, in block-table order
 */
public record LatencyTable(String serial, String device, String bundleId, String runtime, String created,
                           List<String> sources, Map<String, Double> blockMs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public LatencyTable {
        sources = List.copyOf(sources);
        blockMs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(blockMs));
    }

    /** Per-block medians over several blockwise runs of one bundle on one device and runtime. */
    public static LatencyTable fromRuns(String serial, List<RunTimings> runs, List<String> sources) {
        if (runs.isEmpty()) throw new IllegalArgumentException("a latency table needs at least one blockwise run");
        RunTimings first = runs.get(0);
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (RunTimings t : runs) {
            if (!t.bundleId().equals(first.bundleId()) || !t.runtime().equals(first.runtime())) {
                throw new IllegalArgumentException("runs of different bundles or runtimes cannot share a latency table");
            }
            if (t.blocks() == null || t.blocks().isEmpty()) {
                throw new StudioError("a run of bundle " + t.bundleId() + " has no block timings; run it with --blockwise");
            }
            for (BlockTime b : t.blocks()) samples.computeIfAbsent(b.id(), k -> new ArrayList<>()).add(b.ms());
        }
        Map<String, Double> ms = new LinkedHashMap<>();
        samples.forEach((id, v) -> ms.put(id, Median.of(v)));
        return new LatencyTable(serial, first.device(), first.bundleId(), first.runtime(), Instant.now().toString(), sources, ms);
    }

    public double ms(String block) {
        Double v = blockMs.get(block);
        if (v == null) {
            throw new StudioError("the latency table for " + serial + " / bundle " + bundleId + " has no block " + block
                    + "; delete it from the workspace's evolve/latency folder so that evolve measures a new one");
        }
        return v;
    }

    /** One denoising step: {@code passes} UNet evaluations (2 with guidance) of every block not in {@code removed}. */
    public double stepMs(Collection<String> blocks, Collection<String> removed, int passes) {
        double sum = 0;
        for (String b : blocks) if (!removed.contains(b)) sum += ms(b);
        return passes * sum;
    }

    /** One line naming where the numbers come from. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s (%s), bundle %s, %s, measured %s", device, serial, bundleId, runtime, created);
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("serial", serial).put("device", device).put("bundle_id", bundleId).put("runtime", runtime).put("created", created);
        sources.forEach(n.putArray("sources")::add);
        ObjectNode b = n.putObject("block_ms");
        blockMs.forEach(b::put);
        return n.toPrettyString();
    }

    public static LatencyTable parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<String> sources = new ArrayList<>();
            n.path("sources").forEach(s -> sources.add(s.asText()));
            Map<String, Double> ms = new LinkedHashMap<>();
            n.path("block_ms").fields().forEachRemaining(e -> ms.put(e.getKey(), e.getValue().asDouble()));
            return new LatencyTable(n.path("serial").asText(), n.path("device").asText(), n.path("bundle_id").asText(),
                    n.path("runtime").asText(), n.path("created").asText(), sources, ms);
        } catch (IOException e) {
            throw new StudioError("latency table is not JSON: " + e.getMessage(), e);
        }
    }
}
