package dev.snapfusion.studio.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.studio.common.StudioError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * studio-run.json, written beside a pulled run: which device and bundle made it, so a later
 * {@code compare} can show device names and bundle sizes.
 */
public record RunInfo(String device, String serial, String bundleId, long bundleBytes) {
    public static final String FILE = "studio-run.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public void write(Path runDir) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("device", device);
        n.put("serial", serial);
        n.put("bundle_id", bundleId);
        n.put("bundle_bytes", bundleBytes);
        Path tmp = runDir.resolve(FILE + ".tmp");
        Files.writeString(tmp, n.toPrettyString());
        Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The run's info, or null when the run dir has none (e.g. copied from elsewhere). */
    public static RunInfo read(Path runDir) {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) return null;
        try {
            JsonNode n = JSON.readTree(f.toFile());
            return new RunInfo(n.path("device").asText(""), n.path("serial").asText(""), n.path("bundle_id").asText(""),
                    n.path("bundle_bytes").asLong(-1));
        } catch (IOException e) {
            throw new StudioError(f + " is not valid JSON: " + e.getMessage());
        }
    }
}
