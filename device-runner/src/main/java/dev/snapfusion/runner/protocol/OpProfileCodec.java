package dev.snapfusion.runner.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The one reader and writer of op_profile.json (docs/op-profile.md). Thread-safe. */
public final class OpProfileCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpProfileCodec() {
    }

    public static String toJson(OpProfile p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", OpProfile.FORMAT);
        n.put("version", OpProfile.VERSION);
        n.put("runtime", p.runtime());
        n.put("device", p.device());
        n.put("bundle_id", p.bundleId());
        n.put("delegate", p.delegate());
        n.put("threads", p.threads());
        n.put("warmup_passes", p.warmups());
        n.put("passes", p.passes());
        ArrayNode cs = n.putArray("components");
        for (OpProfile.Component c : p.components()) writeComponent(cs.addObject(), c);
        p.notes().forEach(n.putArray("notes")::add);
        return n.toPrettyString();
    }

    private static void writeComponent(ObjectNode n, OpProfile.Component c) {
        n.put("component", c.name());
        n.put("invoke_ms", c.invokeMs());
        n.put("profiler_ms", c.profilerMs());
        n.put("ops_ms", c.opsMs());   // derived; readers recompute it
        ArrayNode blocks = n.putArray("blocks");
        for (OpProfile.Block b : c.blocks()) {
            blocks.addObject().put("block", b.block()).put("ms", b.ms()).put("share", b.share()).put("ops", b.ops());
        }
        ArrayNode ops = n.putArray("ops");
        for (OpProfile.Op o : c.ops()) {
            ops.addObject().put("type", o.type()).put("kernel", o.kernel()).put("tensor", o.tensor()).put("block", o.block())
                    .put("ms", o.ms()).put("share", o.share()).put("partition", o.partition());
        }
        c.notes().forEach(n.putArray("notes")::add);
    }

    /** @throws RunnerProtocolException naming what is missing or malformed */
    public static OpProfile parse(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw new RunnerProtocolException(OpProfile.FILE_NAME + " is not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) throw new RunnerProtocolException(OpProfile.FILE_NAME + " must hold a JSON object");
        if (!OpProfile.FORMAT.equals(n.path("format").asText())) {
            throw new RunnerProtocolException(OpProfile.FILE_NAME + " has format '" + n.path("format").asText()
                    + "', expected '" + OpProfile.FORMAT + "'");
        }
        int version = req(n, "version").asInt();
        if (version != OpProfile.VERSION) {
            throw new RunnerProtocolException(OpProfile.FILE_NAME + " has version " + version + "; this studio reads "
                    + OpProfile.VERSION);
        }
        List<OpProfile.Component> components = new ArrayList<>();
        for (JsonNode c : req(n, "components")) components.add(readComponent(c));
        return new OpProfile(n.path("runtime").asText(""), n.path("device").asText(""), n.path("bundle_id").asText(""),
                n.path("delegate").asText(""), n.path("threads").asInt(0), n.path("warmup_passes").asInt(0),
                n.path("passes").asInt(0), components, texts(n.path("notes")));
    }

    private static OpProfile.Component readComponent(JsonNode n) {
        List<OpProfile.Op> ops = new ArrayList<>();
        for (JsonNode o : req(n, "ops")) {
            ops.add(new OpProfile.Op(req(o, "type").asText(), o.path("kernel").asText(""), o.path("tensor").asText(""),
                    o.path("block").asText(OpProfile.UNATTRIBUTED), req(o, "ms").asDouble(), o.path("share").asDouble(),
                    o.path("partition").asInt(-1)));
        }
        List<OpProfile.Block> blocks = new ArrayList<>();
        for (JsonNode b : n.path("blocks")) {
            blocks.add(new OpProfile.Block(req(b, "block").asText(), req(b, "ms").asDouble(), b.path("share").asDouble(),
                    b.path("ops").asInt()));
        }
        return new OpProfile.Component(req(n, "component").asText(), n.path("invoke_ms").asDouble(Double.NaN),
                n.path("profiler_ms").asDouble(0), ops, blocks, texts(n.path("notes")));
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static JsonNode req(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) throw new RunnerProtocolException(OpProfile.FILE_NAME + " lacks '" + name + "'");
        return v;
    }
}
