package dev.snapfusion.bridge.toy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader and writer of captions.jsonl: one JSON object per line naming a PNG in the same folder and its
 * caption (docs/judge.md, "captions.jsonl"). {@code toy sample} writes the optional fields; a folder of images made
 * elsewhere needs only {@code file} and {@code caption}, plus {@code variant} to group them. Thread-safe.
 */
public final class CaptionsFile {
    public static final String NAME = "captions.jsonl";
    /** The variant {@code toy sample} writes: the toy world's own drawings. */
    public static final String GROUND_TRUTH = "ground-truth";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaptionsFile() {
    }

    /**
     * @param variant the model or source that made the image, or null
     * @param split the split {@code toy sample} drew the image from, or null; then index and seed are -1
     * @param size the image side {@code toy sample} rendered at, or -1
     */
    public record Entry(String file, String caption, String variant, ToySplit split, long index, long seed, int size) {
        public static Entry of(ToyScene scene, ToySplit split, long index, int size, String file) {
            return new Entry(file, scene.caption().text(), GROUND_TRUTH, split, index, scene.seed(), size);
        }
    }

    public static String toLine(Entry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("file", e.file());
        n.put("caption", e.caption());
        if (e.variant() != null) n.put("variant", e.variant());
        if (e.split() != null) {
            n.put("split", e.split().wireName());
            n.put("index", e.index());
            n.put("seed", e.seed());
        }
        if (e.size() > 0) n.put("size", e.size());
        return n.toString();
    }

    public static void write(Path file, List<Entry> entries) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) sb.append(toLine(e)).append('\n');
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** @throws CaptionsFormatException naming the file and line when a line is not an object with file and caption */
    public static List<Entry> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            out.add(parse(lines.get(i), file + " line " + (i + 1)));
        }
        return out;
    }

    private static Entry parse(String line, String where) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new CaptionsFormatException(where + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) throw new CaptionsFormatException(where + " must be a JSON object");
        String file = text(n, "file", where), caption = text(n, "caption", where);
        JsonNode variant = n.get("variant");
        ToySplit split;
        try {
            split = n.hasNonNull("split") ? ToySplit.parse(n.get("split").asText()) : null;
        } catch (IllegalArgumentException e) {
            throw new CaptionsFormatException(where + ": " + e.getMessage(), e);
        }
        return new Entry(file, caption, variant == null || variant.isNull() ? null : variant.asText(), split,
                n.path("index").asLong(-1), n.path("seed").asLong(-1), n.path("size").asInt(-1));
    }

    private static String text(JsonNode n, String name, String where) {
        JsonNode v = n.get(name);
        if (v == null || !v.isTextual()) throw new CaptionsFormatException(where + " lacks the text field '" + name + "'");
        return v.asText();
    }
}
