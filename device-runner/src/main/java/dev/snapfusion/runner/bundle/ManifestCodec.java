package dev.snapfusion.runner.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one reader and one writer of manifest.json. Uses Jackson's tree model, not record
 * reflection, so it behaves the same on ART (no {@code Class.isRecord}) and on a JVM. Thread-safe.
 */
public final class ManifestCodec {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String FORMAT = "snapfusion-bundle";

    private ManifestCodec() {
    }

    public static BundleManifest read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(JSON.readTree(in), file.toString());
        } catch (IOException e) {
            throw new BundleFormatException(file + ": cannot read manifest: " + e.getMessage(), e);
        }
    }

    public static BundleManifest parse(String json) {
        try {
            return fromJson(JSON.readTree(json), "manifest");
        } catch (IOException e) {
            throw new BundleFormatException("manifest: not JSON: " + e.getMessage(), e);
        }
    }

    public static void write(BundleManifest m, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toJson(m));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static String toJson(BundleManifest m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", m.formatVersion());
        root.put("id", m.id());
        root.put("variant", m.variant());
        root.put("source", m.source());
        root.put("quantization", m.quantization());
        root.put("prediction_type", m.predictionType());
        ObjectNode s = root.putObject("scheduler");
        SchedulerConfig sc = m.scheduler();
        s.put("type", sc.type());
        s.put("num_train_timesteps", sc.numTrainTimesteps());
        s.put("beta_start", sc.betaStart());
        s.put("beta_end", sc.betaEnd());
        s.put("beta_schedule", sc.betaSchedule());
        s.put("steps_offset", sc.stepsOffset());
        s.put("set_alpha_to_one", sc.setAlphaToOne());
        s.put("timestep_spacing", sc.timestepSpacing());
        ObjectNode d = root.putObject("defaults");
        d.put("steps", m.defaultSteps());
        d.put("cfg", m.defaultCfg());
        ObjectNode l = root.putObject("latent");
        l.put("channels", m.latentChannels());
        l.put("height", m.latentHeight());
        l.put("width", m.latentWidth());
        l.put("scaling_factor", m.scalingFactor());
        ObjectNode t = root.putObject("tokenizer");
        t.put("vocab", m.vocabFile());
        t.put("merges", m.mergesFile());
        t.put("max_length", m.maxTokens());
        root.put("time_embedding_dim", m.timeEmbeddingDim());
        ObjectNode comps = root.putObject("components");
        for (Component c : new TreeMap<>(m.components()).values()) {
            ObjectNode cn = comps.putObject(c.name());
            cn.put("file", c.file());
            cn.put("params", c.params());
            cn.put("flops", c.flops());
            specs(cn.putArray("inputs"), c.inputs());
            specs(cn.putArray("outputs"), c.outputs());
        }
        ArrayNode blocks = root.putArray("unet_blocks");
        for (Block b : m.blocks()) {
            ObjectNode bn = blocks.addObject();
            bn.put("id", b.id());
            bn.put("stage", b.stage());
            bn.put("kind", b.kind().wireName());
            bn.put("params", b.params());
            bn.put("flops", b.flops());
            bn.put("file", b.file());
            b.inputs().forEach(bn.putArray("inputs")::add);
            b.outputs().forEach(bn.putArray("outputs")::add);
        }
        ArrayNode files = root.putArray("files");
        for (FileEntry f : m.files()) {
            ObjectNode fn = files.addObject();
            fn.put("path", f.path());
            fn.put("sha256", f.sha256());
            fn.put("size", f.size());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void specs(ArrayNode arr, List<TensorSpec> specs) {
        for (TensorSpec s : specs) {
            ObjectNode n = arr.addObject();
            n.put("name", s.name());
            s.shape().forEach(n.putArray("shape")::add);
            n.put("dtype", s.dtype());
        }
    }

    private static BundleManifest fromJson(JsonNode root, String where) {
        Fields f = new Fields(root, where);
        if (!FORMAT.equals(f.text("format"))) {
            throw new BundleFormatException(where + ": 'format' must be \"" + FORMAT + "\"");
        }
        int version = f.integer("format_version");
        if (version != BundleManifest.FORMAT_VERSION) {
            throw new BundleFormatException(where + ": format_version " + version + " is not supported (this build reads "
                    + BundleManifest.FORMAT_VERSION + "); re-convert the bundle with this studio");
        }
        Fields s = f.object("scheduler");
        SchedulerConfig sc = new SchedulerConfig(s.text("type"), s.integer("num_train_timesteps"), s.number("beta_start"),
                s.number("beta_end"), s.text("beta_schedule"), s.integer("steps_offset"), s.bool("set_alpha_to_one"),
                s.text("timestep_spacing"));
        Fields d = f.object("defaults");
        Fields l = f.object("latent");
        Fields t = f.object("tokenizer");
        Map<String, Component> comps = new LinkedHashMap<>();
        Fields cs = f.object("components");
        for (var it = cs.node.fields(); it.hasNext(); ) {
            var e = it.next();
            Fields c = new Fields(e.getValue(), where + ": components." + e.getKey());
            comps.put(e.getKey(), new Component(e.getKey(), c.text("file"), c.longValue("params"), c.longValue("flops"),
                    specs(c.array("inputs"), c.where + ".inputs"), specs(c.array("outputs"), c.where + ".outputs")));
        }
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        for (JsonNode bn : f.array("unet_blocks")) {
            Fields b = new Fields(bn, where + ": unet_blocks[" + i++ + "]");
            blocks.add(new Block(b.text("id"), b.text("stage"), BlockKind.fromWire(b.text("kind")), b.longValue("params"),
                    b.longValue("flops"), b.text("file"), strings(b.array("inputs")), strings(b.array("outputs"))));
        }
        List<FileEntry> files = new ArrayList<>();
        i = 0;
        for (JsonNode fn : f.array("files")) {
            Fields e = new Fields(fn, where + ": files[" + i++ + "]");
            files.add(new FileEntry(e.text("path"), e.text("sha256"), e.longValue("size")));
        }
        return BundleManifest.builder().formatVersion(version).id(f.text("id")).variant(f.text("variant"))
                .source(f.text("source")).quantization(f.text("quantization")).predictionType(f.text("prediction_type"))
                .scheduler(sc).defaults(d.integer("steps"), d.number("cfg"))
                .latents(l.integer("channels"), l.integer("height"), l.integer("width"), l.number("scaling_factor"))
                .tokenizer(t.integer("max_length"), t.text("vocab"), t.text("merges"))
                .timeEmbeddingDim(f.integer("time_embedding_dim")).components(comps).blocks(blocks).files(files).build();
    }

    private static List<TensorSpec> specs(JsonNode arr, String where) {
        List<TensorSpec> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : arr) {
            Fields s = new Fields(n, where + "[" + i++ + "]");
            List<Integer> shape = new ArrayList<>();
            for (JsonNode dim : s.array("shape")) shape.add(dim.asInt());
            out.add(new TensorSpec(s.text("name"), shape, s.text("dtype")));
        }
        return out;
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Required-field access with errors that name the field. */
    private record Fields(JsonNode node, String where) {
        Fields {
            if (node == null || !node.isObject()) throw new BundleFormatException(where + ": expected an object");
        }

        JsonNode get(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) throw new BundleFormatException(where + ": missing field '" + name + "'");
            return v;
        }

        String text(String name) {
            JsonNode v = get(name);
            if (!v.isTextual()) throw new BundleFormatException(where + ": field '" + name + "' must be a string");
            return v.asText();
        }

        int integer(String name) {
            JsonNode v = get(name);
            if (!v.canConvertToInt()) throw new BundleFormatException(where + ": field '" + name + "' must be an integer");
            return v.asInt();
        }

        long longValue(String name) {
            JsonNode v = get(name);
            if (!v.isIntegralNumber()) throw new BundleFormatException(where + ": field '" + name + "' must be an integer");
            return v.asLong();
        }

        double number(String name) {
            JsonNode v = get(name);
            if (!v.isNumber()) throw new BundleFormatException(where + ": field '" + name + "' must be a number");
            return v.asDouble();
        }

        boolean bool(String name) {
            JsonNode v = get(name);
            if (!v.isBoolean()) throw new BundleFormatException(where + ": field '" + name + "' must be true or false");
            return v.asBoolean();
        }

        Fields object(String name) {
            return new Fields(get(name), where + "." + name);
        }

        JsonNode array(String name) {
            JsonNode v = get(name);
            if (!v.isArray()) throw new BundleFormatException(where + ": field '" + name + "' must be an array");
            return v;
        }
    }
}
