package dev.snapfusion.bridge.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.bridge.arch.PresetException;
import dev.snapfusion.bridge.arch.TextEncoderConfig;
import dev.snapfusion.bridge.arch.UnetConfig;
import dev.snapfusion.bridge.arch.VaeConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * diffusers / transformers config.json ↔ the arch records. A diffusers UNet says per stage only a
 * block type and {@code layers_per_block}; uneven SnapFusion stages (Up-1: 2 resnets, 6 attentions)
 * cannot be said that way, so such a config also carries our {@code snapfusion_stages} key (the
 * preset's {@code stages} object), which diffusers ignores and which wins when present.
 * {@code attention_head_dim} is the number of heads, as in every SD-1.x config. Stateless.
 */
final class DiffusersConfigs {
    static final String STAGES_KEY = "snapfusion_stages";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String R = "resnet", A = "cross_attention";

    private DiffusersConfigs() {
    }

    // ---------------------------------------------------------------- reading

    static UnetConfig unet(JsonNode c, String where) {
        List<Integer> channels = intList(c, "block_out_channels", where);
        int levels = channels.size();
        refuseIf(c, "use_linear_projection", true, where, "linear proj_in/proj_out (SD-2 style) is not supported; SD-1.x uses 1x1 convs");
        refuseIf(c, "only_cross_attention", true, where, "only_cross_attention UNets are not supported");
        refuseIf(c, "flip_sin_to_cos", false, where, "the runner computes SD's timestep embedding (flip_sin_to_cos true)");
        if (c.hasNonNull("freq_shift") && c.get("freq_shift").asInt() != 0) throw field(where, "freq_shift", "must be 0 (SD's timestep embedding)");
        if (c.hasNonNull("transformer_layers_per_block") && !allEqual(c.get("transformer_layers_per_block"), 1)) {
            throw field(where, "transformer_layers_per_block", "must be 1 (one transformer block per attention)");
        }
        for (String f : List.of("class_embed_type", "addition_embed_type", "encoder_hid_dim", "time_cond_proj_dim")) {
            if (c.hasNonNull(f)) throw field(where, f, "must be null; this UNet variant is not supported");
        }
        if (c.hasNonNull("act_fn") && !c.get("act_fn").asText().equals("silu")) throw field(where, "act_fn", "must be silu");
        int heads = c.hasNonNull("num_attention_heads") ? single(c, "num_attention_heads", where) : single(c, "attention_head_dim", where);
        Map<String, List<String>> stages;
        if (c.has(STAGES_KEY)) {
            stages = readStages(c.get(STAGES_KEY), where);
        } else {
            stages = new LinkedHashMap<>();
            List<Integer> layers = perBlock(c, levels, where);
            List<String> down = textList(c, "down_block_types", levels, where);
            List<String> up = textList(c, "up_block_types", levels, where);
            for (int i = 0; i < levels; i++) stages.put("down." + i, blockLayers(down.get(i), layers.get(i), where, "down_block_types"));
            JsonNode mid = c.get("mid_block_type");
            String midType = mid == null ? "UNetMidBlock2DCrossAttn" : mid.isNull() ? null : mid.asText();
            if (midType == null) stages.put("mid", List.of());
            else if (midType.equals("UNetMidBlock2DCrossAttn")) stages.put("mid", List.of(R, A, R));
            else throw field(where, "mid_block_type", "'" + midType + "' is not supported (UNetMidBlock2DCrossAttn or null)");
            for (int i = 0; i < levels; i++) {
                stages.put("up." + i, blockLayers(up.get(i), layers.get(levels - 1 - i) + 1, where, "up_block_types"));
            }
        }
        return new UnetConfig(integer(c, "in_channels", 4, where), integer(c, "out_channels", 4, where), channels,
                integer(c, "norm_num_groups", 32, where), c.hasNonNull("norm_eps") ? c.get("norm_eps").asDouble() : 1e-5, heads,
                single(c, "cross_attention_dim", where), stages);
    }

    static VaeConfig vae(JsonNode c, String where) {
        return new VaeConfig(integer(c, "latent_channels", 4, where), integer(c, "out_channels", 3, where),
                intList(c, "block_out_channels", where), integer(c, "layers_per_block", 1, where), integer(c, "norm_num_groups", 32, where),
                c.hasNonNull("scaling_factor") ? c.get("scaling_factor").asDouble() : 0.18215);
    }

    static TextEncoderConfig text(JsonNode c, String where) {
        return new TextEncoderConfig(required(c, "hidden_size", where), required(c, "num_hidden_layers", where),
                required(c, "num_attention_heads", where), required(c, "intermediate_size", where),
                integer(c, "max_position_embeddings", 77, where), c.hasNonNull("hidden_act") ? c.get("hidden_act").asText() : "quick_gelu",
                c.hasNonNull("layer_norm_eps") ? c.get("layer_norm_eps").asDouble() : 1e-5);
    }

    private static List<String> blockLayers(String type, int layers, String where, String field) {
        List<String> out = new ArrayList<>();
        boolean attn;
        if (type.startsWith("CrossAttn")) attn = true;
        else if (type.equals("DownBlock2D") || type.equals("UpBlock2D")) attn = false;
        else throw field(where, field, "block type '" + type + "' is not supported (CrossAttn{Down,Up}Block2D, DownBlock2D, UpBlock2D)");
        for (int i = 0; i < layers; i++) {
            out.add(R);
            if (attn) out.add(A);
        }
        return out;
    }

    private static Map<String, List<String>> readStages(JsonNode n, String where) {
        if (n == null || !n.isObject()) throw field(where, STAGES_KEY, "must be an object of layer lists");
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) throw field(where, STAGES_KEY + "." + e.getKey(), "must be a list");
            List<String> l = new ArrayList<>();
            for (JsonNode x : e.getValue()) l.add(x.asText());
            m.put(e.getKey(), l);
        }
        return m;
    }

    private static List<Integer> perBlock(JsonNode c, int levels, String where) {
        JsonNode n = c.get("layers_per_block");
        if (n == null) throw field(where, "layers_per_block", "is missing");
        List<Integer> out = new ArrayList<>();
        if (n.isArray()) {
            if (n.size() != levels) throw field(where, "layers_per_block", "has " + n.size() + " entries for " + levels + " blocks");
            for (JsonNode x : n) out.add(x.asInt());
        } else if (n.isInt()) {
            for (int i = 0; i < levels; i++) out.add(n.asInt());
        } else {
            throw field(where, "layers_per_block", "must be an int or a list of ints");
        }
        return out;
    }

    private static int single(JsonNode c, String f, String where) {
        JsonNode n = c.get(f);
        if (n == null || n.isNull()) throw field(where, f, "is missing");
        if (n.isArray()) {
            if (n.size() == 0 || !allEqual(n, n.get(0).asInt())) throw field(where, f, "differs between blocks " + n + "; one value is supported");
            return n.get(0).asInt();
        }
        if (!n.isInt()) throw field(where, f, "must be an int");
        return n.asInt();
    }

    private static boolean allEqual(JsonNode n, int v) {
        if (!n.isArray()) return n.asInt() == v;
        for (JsonNode x : n) if (x.asInt() != v) return false;
        return true;
    }

    private static void refuseIf(JsonNode c, String f, boolean bad, String where, String why) {
        if (c.hasNonNull(f) && c.get(f).isBoolean() && c.get(f).asBoolean() == bad) throw field(where, f, why);
    }

    private static List<Integer> intList(JsonNode c, String f, String where) {
        JsonNode n = c.get(f);
        if (n == null || !n.isArray() || n.size() == 0) throw field(where, f, "must be a non-empty list of ints");
        List<Integer> out = new ArrayList<>();
        for (JsonNode x : n) {
            if (!x.isInt()) throw field(where, f, "must be a list of ints, got " + n);
            out.add(x.asInt());
        }
        return Collections.unmodifiableList(out);
    }

    private static List<String> textList(JsonNode c, String f, int size, String where) {
        JsonNode n = c.get(f);
        if (n == null || !n.isArray() || n.size() != size) throw field(where, f, "must list " + size + " block types (one per block_out_channels)");
        List<String> out = new ArrayList<>();
        for (JsonNode x : n) out.add(x.asText());
        return out;
    }

    private static int integer(JsonNode c, String f, int dflt, String where) {
        JsonNode n = c.get(f);
        if (n == null || n.isNull()) return dflt;
        if (!n.isInt()) throw field(where, f, "must be an int");
        return n.asInt();
    }

    private static int required(JsonNode c, String f, String where) {
        if (!c.hasNonNull(f)) throw field(where, f, "is missing");
        return integer(c, f, 0, where);
    }

    static PresetException field(String where, String f, String problem) {
        return new PresetException(where + ": field " + f + " " + problem);
    }

    // ---------------------------------------------------------------- writing

    /** diffusers UNet2DConditionModel config for {@code u}; adds {@value #STAGES_KEY} when the stages are uneven. */
    static ObjectNode unetJson(UnetConfig u, int sampleSize) {
        ObjectNode c = JSON.createObjectNode();
        c.put("_class_name", "UNet2DConditionModel");
        c.put("_diffusers_version", "0.27.2");
        c.put("act_fn", "silu");
        c.put("attention_head_dim", u.attentionHeads());
        ints(c.putArray("block_out_channels"), u.blockOutChannels());
        c.put("center_input_sample", false);
        c.put("cross_attention_dim", u.crossAttentionDim());
        ArrayNode down = c.putArray("down_block_types"), up = c.putArray("up_block_types");
        for (int i = 0; i < u.levels(); i++) down.add(u.layers("down." + i).contains(A) ? "CrossAttnDownBlock2D" : "DownBlock2D");
        for (int i = 0; i < u.levels(); i++) up.add(u.layers("up." + i).contains(A) ? "CrossAttnUpBlock2D" : "UpBlock2D");
        c.put("downsample_padding", 1);
        c.put("flip_sin_to_cos", true);
        c.put("freq_shift", 0);
        c.put("in_channels", u.inChannels());
        int layers = count(u.layers("down.0"), R);
        c.put("layers_per_block", layers);
        c.put("mid_block_scale_factor", 1);
        if (u.layers("mid").isEmpty()) c.set("mid_block_type", NullNode.instance);
        else c.put("mid_block_type", "UNetMidBlock2DCrossAttn");
        c.put("norm_eps", u.normEps());
        c.put("norm_num_groups", u.normNumGroups());
        c.put("out_channels", u.outChannels());
        c.put("sample_size", sampleSize);
        c.put("use_linear_projection", false);
        UnetConfig regular = unet(c, "(check)");
        if (!regular.stages().equals(fill(u))) {
            ObjectNode s = c.putObject(STAGES_KEY);
            for (String stage : u.stageNames()) {
                ArrayNode a = s.putArray(stage);
                u.layers(stage).forEach(a::add);
            }
        }
        return c;
    }

    private static Map<String, List<String>> fill(UnetConfig u) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String s : u.stageNames()) m.put(s, u.layers(s));
        return m;
    }

    static ObjectNode vaeJson(VaeConfig v, int sampleSize) {
        ObjectNode c = JSON.createObjectNode();
        c.put("_class_name", "AutoencoderKL");
        c.put("_diffusers_version", "0.27.2");
        c.put("act_fn", "silu");
        ints(c.putArray("block_out_channels"), v.blockOutChannels());
        ArrayNode down = c.putArray("down_block_types"), up = c.putArray("up_block_types");
        for (int i = 0; i < v.blockOutChannels().size(); i++) {
            down.add("DownEncoderBlock2D");
            up.add("UpDecoderBlock2D");
        }
        c.put("in_channels", v.outChannels());
        c.put("latent_channels", v.latentChannels());
        c.put("layers_per_block", v.layersPerBlock());
        c.put("norm_num_groups", v.normNumGroups());
        c.put("out_channels", v.outChannels());
        c.put("sample_size", sampleSize);
        c.put("scaling_factor", v.scalingFactor());
        return c;
    }

    static ObjectNode textJson(TextEncoderConfig t, int vocabSize) {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add("CLIPTextModel");
        c.put("attention_dropout", 0.0);
        c.put("bos_token_id", vocabSize - 2);
        c.put("eos_token_id", vocabSize - 1);
        c.put("hidden_act", t.hiddenAct());
        c.put("hidden_size", t.hiddenSize());
        c.put("initializer_factor", 1.0);
        c.put("intermediate_size", t.intermediateSize());
        c.put("layer_norm_eps", t.layerNormEps());
        c.put("max_position_embeddings", t.maxPositionEmbeddings());
        c.put("model_type", "clip_text_model");
        c.put("num_attention_heads", t.numAttentionHeads());
        c.put("num_hidden_layers", t.numHiddenLayers());
        c.put("pad_token_id", 1);
        c.put("projection_dim", t.hiddenSize());
        c.put("torch_dtype", "float32");
        c.put("vocab_size", vocabSize);
        return c;
    }

    static ObjectNode schedulerJson(String predictionType) {
        ObjectNode c = JSON.createObjectNode();
        c.put("_class_name", "PNDMScheduler");
        c.put("_diffusers_version", "0.27.2");
        c.put("beta_end", 0.012);
        c.put("beta_schedule", "scaled_linear");
        c.put("beta_start", 0.00085);
        c.put("num_train_timesteps", 1000);
        c.put("prediction_type", predictionType);
        c.put("set_alpha_to_one", false);
        c.put("skip_prk_steps", true);
        c.put("steps_offset", 1);
        return c;
    }

    static ObjectNode modelIndexJson() {
        ObjectNode c = JSON.createObjectNode();
        c.put("_class_name", "StableDiffusionPipeline");
        c.put("_diffusers_version", "0.27.2");
        c.putArray("scheduler").add("diffusers").add("PNDMScheduler");
        c.putArray("text_encoder").add("transformers").add("CLIPTextModel");
        c.putArray("tokenizer").add("transformers").add("CLIPTokenizer");
        c.putArray("unet").add("diffusers").add("UNet2DConditionModel");
        c.putArray("vae").add("diffusers").add("AutoencoderKL");
        return c;
    }

    private static void ints(ArrayNode a, List<Integer> v) {
        v.forEach(a::add);
    }

    private static int count(List<String> l, String kind) {
        return (int) l.stream().filter(kind::equals).count();
    }
}
