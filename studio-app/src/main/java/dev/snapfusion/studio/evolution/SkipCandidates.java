package dev.snapfusion.studio.evolution;

import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.pipeline.BlockSkips;
import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.TfliteModel;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocks a run may skip (removal candidates) and the fixed rest with the reason, by the runner's own rule
 * ({@link BlockSkips}); shapes come from each block file, loaded only when kind and wiring already allow a skip.
 *
 * @param fixed block id → why it cannot be skipped, in block-table order
 */
public record SkipCandidates(List<String> skippable, Map<String, String> fixed) {
    public SkipCandidates {
        skippable = List.copyOf(skippable);
        fixed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
    }

    public static SkipCandidates of(BundleManifest m, Path bundleDir, TfliteRuntime runtime) {
        List<String> skippable = new ArrayList<>();
        Map<String, String> fixed = new LinkedHashMap<>();
        for (Block b : m.blocks()) {
            String why = BlockSkips.whyFixed(b, new int[0], new int[0]);
            if (why == null) {
                try (TfliteModel model = runtime.load(bundleDir.resolve(b.file()).toFile(), 1, Backend.CPU)) {
                    why = BlockSkips.whyFixed(b, model);
                }
            }
            if (why == null) skippable.add(b.id());
            else fixed.put(b.id(), why);
        }
        return new SkipCandidates(skippable, fixed);
    }
}
