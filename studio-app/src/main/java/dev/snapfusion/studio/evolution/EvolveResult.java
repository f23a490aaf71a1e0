package dev.snapfusion.studio.evolution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * What one explorer run found: the latency table it used, the candidates, the ranked actions, the greedy path, and
 * the preset written, with latency and FLOPs per denoising step before, after the path, and for the preset.
 */
public record EvolveResult(String bundleId, LatencyTable table, SkipCandidates candidates, int passes, double targetMs,
                           GreedySearch.Result search, PresetExport export, Path presetFile, double presetMs,
                           long presetFlops, Path cacheDir) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("bundle_id", bundleId).put("target_ms", targetMs).put("unet_passes_per_step", passes);
        ObjectNode lut = n.putObject("latency_table");
        lut.put("device", table.device()).put("serial", table.serial()).put("bundle_id", table.bundleId())
                .put("runtime", table.runtime()).put("created", table.created());
        table.sources().forEach(lut.putArray("sources")::add);
        candidates.skippable().forEach(n.putArray("skippable")::add);
        ArrayNode fixed = n.putArray("fixed");
        candidates.fixed().forEach((id, why) -> fixed.addObject().put("block", id).put("why", why));
        ArrayNode actions = n.putArray("actions");
        for (Action a : search.actions()) {
            ObjectNode o = actions.addObject().put("block", a.block()).put("ms_saved", a.msSaved()).put("importance", a.importance());
            putNumber(o, "value", a.value());
            o.set("quality", quality(a.quality()));
        }
        ArrayNode path = n.putArray("path");
        for (PathStep s : search.path()) {
            ObjectNode o = path.addObject().put("removed", s.removed()).put("latency_ms", s.latencyMs()).put("flops", s.flops());
            o.set("quality", quality(s.quality()));
        }
        n.put("preset", presetFile.toString());
        export.removed().forEach(n.putArray("preset_removed")::add);
        ArrayNode kept = n.putArray("preset_kept");
        export.kept().forEach((id, why) -> kept.addObject().put("block", id).put("why", why));
        n.putObject("latency_ms").put("before", search.beforeMs()).put("after", search.afterMs()).put("preset", presetMs);
        n.put("preset_meets_target", presetMs <= targetMs);
        long after = search.path().isEmpty() ? search.beforeFlops() : search.path().get(search.path().size() - 1).flops();
        n.putObject("flops").put("before", search.beforeFlops()).put("after", after).put("preset", presetFlops);
        n.put("importance_cache", cacheDir.toString());
        n.put("note", "no fine-tuning after removals (the paper fine-tunes after each); scores say where to look");
        return n;
    }

    private static ObjectNode quality(Quality q) {
        ObjectNode o = JSON.createObjectNode().put("cosine", q.cosine()).put("ssim", q.ssim()).put("importance", q.importance());
        putNumber(o, "psnr", q.psnr());
        return o;
    }

    /** JSON has no infinity: +∞ (identical images, a removal that saves nothing) is written as null. */
    private static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isInfinite(v) || Double.isNaN(v)) o.putNull(name);
        else o.put(name, v);
    }
}
