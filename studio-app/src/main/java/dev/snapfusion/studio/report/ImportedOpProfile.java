package dev.snapfusion.studio.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A phone op profile from TFLite's benchmark_model, imported into a run folder by {@code studio ops import FILE --bundle
 * DIR --run RUN} (docs/op-profiles.md): its {@code by_block} sums are read as the run's op-profile block times when the
 * run has no op_profile.json of its own, so Compare and the report show them beside the blockwise medians.
 */
public final class ImportedOpProfile {
    public static final String FILE_NAME = "op_profile_import.json";

    private ImportedOpProfile() {
    }

    /** Block id → ms in file order; empty when the file is absent. */
    static Map<String, Double> blockMs(Path runDir) {
        Path f = runDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) return Map.of();
        try {
            JsonNode root = new ObjectMapper().readTree(f.toFile());
            JsonNode blocks = root == null ? null : root.get("by_block");
            if (blocks == null || !blocks.isArray()) {
                throw new ComparisonException(f + " has no by_block list; import it again with --bundle");
            }
            Map<String, Double> out = new LinkedHashMap<>();
            for (JsonNode b : blocks) {
                if (!b.hasNonNull("block") || !b.path("ms").isNumber()) {
                    throw new ComparisonException(f + ": every by_block entry needs block and ms, got " + b);
                }
                out.merge(b.get("block").asText(), b.get("ms").asDouble(), Double::sum);
            }
            return out;
        } catch (IOException e) {
            throw new ComparisonException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
