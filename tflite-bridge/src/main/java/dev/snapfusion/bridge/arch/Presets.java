package dev.snapfusion.bridge.arch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads and validates pipeline presets from the assets module or from a file. Thread-safe. */
public final class Presets {
    private static final String ROOT = "/dev/snapfusion/assets/presets/";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private Presets() {
    }

    /** Built-in architecture presets (assets/presets/NAME.json), full size, synthetic weights when converted alone. */
    public static final List<String> NAMED = List.of("sd15", "snapfusion", "bk-sdm-base", "bk-sdm-small", "bk-sdm-tiny");

    /** {@code demo:snapfusion} → assets/presets/demo-snapfusion.json. */
    public static PipelinePreset builtIn(String source) {
        if (!source.startsWith("demo:")) throw new PresetException("not a built-in source: " + source);
        String file = "demo-" + source.substring(5) + ".json";
        PipelinePreset p = resource(file);
        if (p == null) throw new PresetException("unknown built-in source '" + source + "' (known: demo:snapfusion, demo:sd15)");
        return p;
    }

    /** A named full-size preset ({@link #NAMED}) such as {@code sd15} or {@code bk-sdm-small}. */
    public static PipelinePreset named(String name) {
        PipelinePreset p = NAMED.contains(name) ? resource(name + ".json") : null;
        if (p == null) throw new PresetException("unknown preset '" + name + "' (known: " + String.join(", ", NAMED) + ", or a preset .json file)");
        return p;
    }

    /** A named preset, {@code demo:*}, or a path to a preset .json file. */
    public static PipelinePreset resolve(String nameOrFile) {
        if (nameOrFile.startsWith("demo:")) return builtIn(nameOrFile);
        if (NAMED.contains(nameOrFile)) return named(nameOrFile);
        Path p = Path.of(nameOrFile);
        if (!Files.isRegularFile(p)) {
            throw new PresetException("preset '" + nameOrFile + "' is neither a built-in (" + String.join(", ", NAMED)
                    + ", demo:snapfusion, demo:sd15) nor a readable .json file");
        }
        return read(p);
    }

    private static PipelinePreset resource(String file) {
        try (InputStream in = Presets.class.getResourceAsStream(ROOT + file)) {
            if (in == null) return null;
            return validate(JSON.readValue(in, PipelinePreset.class), file);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PresetException(file + ": " + describe(e), e);
        } catch (IOException e) {
            throw new PresetException(file + ": " + e.getMessage(), e);
        }
    }

    public static PipelinePreset read(Path file) {
        try {
            return validate(JSON.readValue(Files.readString(file), PipelinePreset.class), file.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PresetException(file + ": " + describe(e), e);
        } catch (IOException e) {
            throw new PresetException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Jackson's message plus the JSON path of the bad field ("unet.stages" …). */
    private static String describe(com.fasterxml.jackson.core.JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                else path.append('[').append(ref.getIndex()).append(']');
            }
            return "field " + path + ": " + e.getOriginalMessage();
        }
        return e.getOriginalMessage();
    }

    /** Checks the architecture is buildable, including the skip-connection rule of docs/architectures.md. */
    public static PipelinePreset validate(PipelinePreset p, String where) {
        if (p.unet() == null || p.vaeDecoder() == null || p.textEncoder() == null) {
            throw new PresetException(where + ": needs text_encoder, unet and vae_decoder");
        }
        if (!List.of("epsilon", "v_prediction").contains(p.predictionType())) {
            throw new PresetException(where + ": field prediction_type must be epsilon or v_prediction, got " + p.predictionType());
        }
        validateUnet(p.unet(), where);
        int down = 1 << (p.unet().levels() - 1);
        if (p.latentHeight() <= 0 || p.latentWidth() <= 0 || p.latentHeight() % down != 0 || p.latentWidth() % down != 0) {
            throw new PresetException(where + ": fields latent_height/latent_width must be positive multiples of " + down + " ("
                    + (p.unet().levels() - 1) + " downsamplers), got " + p.latentHeight() + "x" + p.latentWidth());
        }
        validateVae(p.vaeDecoder(), where);
        validateText(p.textEncoder(), where);
        return p;
    }

    /** The UNet part of {@link #validate}, for configs read from diffusers folders. */
    public static UnetConfig validateUnet(UnetConfig u, String where) {
        if (u.blockOutChannels() == null || u.blockOutChannels().size() < 3 || u.blockOutChannels().size() > 4) {
            throw new PresetException(where + ": field unet.block_out_channels needs 3 or 4 entries");
        }
        if (u.normNumGroups() <= 0 || u.attentionHeads() <= 0) {
            throw new PresetException(where + ": fields unet.norm_num_groups and unet.attention_heads must be positive");
        }
        for (int c : u.blockOutChannels()) {
            if (c <= 0 || c % u.normNumGroups() != 0 || c % u.attentionHeads() != 0) {
                throw new PresetException(where + ": field unet.block_out_channels: " + c + " must divide by norm_num_groups "
                        + u.normNumGroups() + " and attention_heads " + u.attentionHeads());
            }
        }
        if (u.stages() == null) throw new PresetException(where + ": field unet.stages is missing");
        List<String> names = u.stageNames();
        for (String stage : u.stages().keySet()) {
            if (!names.contains(stage)) {
                throw new PresetException(where + ": field unet.stages." + stage + ": unknown stage for a " + u.levels()
                        + "-level UNet (use " + String.join(", ", names) + ")");
            }
        }
        for (String stage : names) {
            List<String> layers = u.layers(stage);
            for (String l : layers) {
                if (!l.equals("resnet") && !l.equals("cross_attention")) {
                    throw new PresetException(where + ": field unet.stages." + stage + " has unknown layer '" + l
                            + "' (use resnet or cross_attention)");
                }
            }
            if (!layers.isEmpty() && !layers.get(0).equals("resnet")) {
                throw new PresetException(where + ": field unet.stages." + stage + " must start with a resnet"
                        + (stage.equals("mid") ? " (or be empty, as in BK-SDM-Small)" : " (it changes channels)"));
            }
        }
        // Skip rule (docs/architectures.md): skips made at each level = up resnets at that level.
        List<String> problems = new ArrayList<>();
        int n = u.levels();
        for (int level = 0; level < n; level++) {
            int made = 1 + count(u.layers("down." + level), "resnet");
            int used = count(u.layers("up." + (n - 1 - level)), "resnet");
            if (made != used) {
                problems.add("resolution level " + level + ": down path makes " + made + " skips ("
                        + (level == 0 ? "conv_in" : "down." + (level - 1) + "'s downsampler") + " + " + (made - 1) + " down."
                        + level + " resnets) but up." + (n - 1 - level) + " has " + used + " resnets");
            }
        }
        if (!problems.isEmpty()) {
            throw new PresetException(where + ": field unet.stages: skip connections do not pair up (docs/architectures.md): "
                    + String.join("; ", problems));
        }
        return u;
    }

    private static void validateVae(VaeConfig v, String where) {
        if (v.blockOutChannels() == null || v.blockOutChannels().isEmpty()) {
            throw new PresetException(where + ": field vae_decoder.block_out_channels is empty");
        }
        for (int c : v.blockOutChannels()) {
            if (c <= 0 || c % v.normNumGroups() != 0) {
                throw new PresetException(where + ": field vae_decoder.block_out_channels: " + c + " must divide by norm_num_groups "
                        + v.normNumGroups());
            }
        }
        if (v.layersPerBlock() < 1) throw new PresetException(where + ": field vae_decoder.layers_per_block must be at least 1");
    }

    private static void validateText(TextEncoderConfig t, String where) {
        if (t.numAttentionHeads() <= 0 || t.hiddenSize() % t.numAttentionHeads() != 0) {
            throw new PresetException(where + ": field text_encoder.hidden_size " + t.hiddenSize() + " must divide by num_attention_heads "
                    + t.numAttentionHeads());
        }
        if (!List.of("quick_gelu", "gelu").contains(t.hiddenAct())) {
            throw new PresetException(where + ": field text_encoder.hidden_act must be quick_gelu or gelu, got " + t.hiddenAct());
        }
    }

    private static int count(List<String> layers, String kind) {
        return (int) layers.stream().filter(kind::equals).count();
    }
}
