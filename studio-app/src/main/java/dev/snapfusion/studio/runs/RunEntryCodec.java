package dev.snapfusion.studio.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The one reader and writer of a run index entry, also the object {@code studio runs --json} prints
 * (docs/workbench.md, "History"). Unknown ms values are written as null. Thread-safe.
 */
public final class RunEntryCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunEntryCodec() {
    }

    public static ObjectNode toNode(RunEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", e.id());
        n.put("prompt", e.prompt());
        n.put("negative_prompt", e.negativePrompt());
        n.put("variant", e.variant());
        n.put("device", e.device());
        n.put("serial", e.serial());
        n.put("bundle", e.bundle());
        n.put("quantization", e.quantization());
        n.put("steps", e.steps());
        n.put("seed", e.seed());
        number(n, "cfg", e.cfg());
        n.put("runtime", e.runtime());
        n.put("created", e.created().toString());
        n.put("folder", e.folder().toString());
        number(n, "total_ms", e.totalMs());
        number(n, "unet_median_step_ms", e.unetMedianStepMs());
        return n;
    }

    public static String toJson(RunEntry e) {
        return toNode(e).toString();
    }

    /** Parses one entry; a malformed one is an {@link IllegalArgumentException} naming what is wrong. */
    public static RunEntry parse(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (n == null || !n.isObject()) throw new IllegalArgumentException("not a JSON object");
        OffsetDateTime created;
        try {
            created = OffsetDateTime.parse(text(n, "created"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"created\" is not an ISO-8601 date-time: " + n.path("created").asText(), e);
        }
        return RunEntry.builder().id(text(n, "id")).created(created).folder(Path.of(text(n, "folder")))
                .prompt(n.path("prompt").asText("")).negativePrompt(n.path("negative_prompt").asText(""))
                .variant(n.path("variant").asText("")).device(n.path("device").asText(""))
                .serial(n.path("serial").asText("")).bundle(n.path("bundle").asText(""))
                .quantization(n.path("quantization").asText("")).steps(n.path("steps").asInt(0))
                .seed(n.path("seed").asLong(0)).cfg(number(n, "cfg")).runtime(n.path("runtime").asText(""))
                .totalMs(number(n, "total_ms")).unetMedianStepMs(number(n, "unet_median_step_ms")).build();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return v.asText();
    }

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) n.putNull(field);
        else n.put(field, v);
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}
