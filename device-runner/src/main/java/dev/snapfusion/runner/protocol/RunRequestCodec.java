package dev.snapfusion.runner.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The one reader and writer of request.json. Thread-safe. */
public final class RunRequestCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunRequestCodec() {
    }

    public static String toJson(RunRequest r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("request_version", RunRequest.VERSION);
        n.put("bundle_dir", r.bundleDir());
        n.put("out_dir", r.outDir());
        n.put("prompt", r.prompt());
        n.put("negative_prompt", r.negativePrompt());
        n.put("seed", r.seed());
        n.put("steps", r.steps());
        n.put("cfg", r.cfg());
        n.put("mode", r.mode().wireName());
        n.put("threads", r.threads());
        n.put("xnnpack", r.xnnpack());
        if (r.initLatents() != null) n.put("init_latents", r.initLatents());
        if (r.scheduler() != null) n.put("scheduler", r.scheduler());
        if (r.delegate() != null) n.put("delegate", r.delegate());
        if (r.profile() != Profile.NONE) n.put("profile", r.profile().wireName());
        if (!r.skipBlocks().isEmpty()) {
            var arr = n.putArray("skip_blocks");
            r.skipBlocks().forEach(arr::add);
        }
        return n.toPrettyString();
    }

    public static RunRequest parse(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw new RunnerProtocolException("request file is not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) throw new RunnerProtocolException("request file must hold a JSON object");
        int version = req(n, "request_version").asInt();
        if (version != RunRequest.VERSION) {
            throw new RunnerProtocolException("request_version " + version + " is not supported by this runner (reads "
                    + RunRequest.VERSION + "); push the runner that matches the studio");
        }
        JsonNode init = n.get("init_latents");
        try {
            return new RunRequest(req(n, "bundle_dir").asText(), req(n, "out_dir").asText(), req(n, "prompt").asText(),
                    n.path("negative_prompt").asText(""), req(n, "seed").asLong(), req(n, "steps").asInt(),
                    req(n, "cfg").asDouble(), RunMode.fromWire(req(n, "mode").asText()), n.path("threads").asInt(2),
                    n.path("xnnpack").asBoolean(true), init == null || init.isNull() ? null : init.asText(),
                    optionalText(n, "scheduler"), optionalText(n, "delegate"), profile(optionalText(n, "profile")),
                    skipBlocks(n));
        } catch (IllegalArgumentException e) {
            throw new RunnerProtocolException("request file: " + e.getMessage(), e);
        }
    }

    private static Profile profile(String wire) {
        return wire == null ? Profile.NONE : Profile.fromWire(wire);
    }

    /** Optional fields added after version 1 shipped; absent or null means "the default". */
    private static String optionalText(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Optional {@code skip_blocks}: absent or null means none; anything but an array of strings is refused. */
    private static List<String> skipBlocks(JsonNode n) {
        JsonNode v = n.get("skip_blocks");
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw new RunnerProtocolException("request file: 'skip_blocks' must be an array of block ids");
        List<String> ids = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw new RunnerProtocolException("request file: 'skip_blocks' must hold block ids (strings), got " + e);
            ids.add(e.asText());
        }
        return ids;
    }

    private static JsonNode req(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) throw new RunnerProtocolException("request file lacks '" + name + "'");
        return v;
    }
}
