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

    /** {@code demo:snapfusion} → assets/presets/demo-snapfusion.json. */
    public static PipelinePreset builtIn(String source) {
        if (!source.startsWith("demo:")) throw new PresetException("not a built-in source: " + source);
        String file = "demo-" + source.substring(5) + ".json";
        try (InputStream in = Presets.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new PresetException("unknown built-in source '" + source + "' (known: demo:snapfusion, demo:sd15)");
            }
            return validate(JSON.readValue(in, PipelinePreset.class), file);
        } catch (IOException e) {
            throw new PresetException(file + ": " + e.getMessage(), e);
        }
    }

    public static PipelinePreset read(Path file) {
        try {
            return validate(JSON.readValue(Files.readString(file), PipelinePreset.class), file.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PresetException(file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PresetException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Checks the architecture is buildable, including the skip-connection rule of docs/architectures.md. */
    public static PipelinePreset validate(PipelinePreset p, String where) {
        UnetConfig u = p.unet();
        if (u == null || p.vaeDecoder() == null || p.textEncoder() == null) {
            throw new PresetException(where + ": needs text_encoder, unet and vae_decoder");
        }
        if (!List.of("epsilon", "v_prediction").contains(p.predictionType())) {
            throw new PresetException(where + ": prediction_type must be epsilon or v_prediction, got " + p.predictionType());
        }
        if (u.blockOutChannels().size() != 4) throw new PresetException(where + ": unet.block_out_channels needs 4 entries");
        for (int c : u.blockOutChannels()) {
            if (c % u.normNumGroups() != 0 || c % u.attentionHeads() != 0) {
                throw new PresetException(where + ": unet channel count " + c + " must divide by norm_num_groups "
                        + u.normNumGroups() + " and attention_heads " + u.attentionHeads());
            }
        }
        for (String stage : u.stages().keySet()) {
            if (!UnetConfig.STAGES.contains(stage)) throw new PresetException(where + ": unknown unet stage '" + stage + "'");
        }
        for (String stage : UnetConfig.STAGES) {
            List<String> layers = u.layers(stage);
            for (String l : layers) {
                if (!l.equals("resnet") && !l.equals("cross_attention")) {
                    throw new PresetException(where + ": unet stage " + stage + " has unknown layer '" + l
                            + "' (use resnet or cross_attention)");
                }
            }
            if (!layers.isEmpty() && !layers.get(0).equals("resnet") && !stage.equals("mid")) {
                throw new PresetException(where + ": unet stage " + stage + " must start with a resnet (it changes channels)");
            }
        }
        if (u.layers("mid").isEmpty() || !u.layers("mid").get(0).equals("resnet")) {
            throw new PresetException(where + ": unet mid stage must start with a resnet");
        }
        // Skip rule: skips made at each resolution must equal the up resnets at that resolution.
        List<String> problems = new ArrayList<>();
        for (int level = 0; level < 4; level++) {
            int made = 1 + count(u.layers("down." + level), "resnet");
            int used = count(u.layers("up." + (3 - level)), "resnet");
            if (made != used) {
                problems.add("resolution level " + level + ": down path makes " + made + " skips (conv_in or downsampler + "
                        + "down." + level + " resnets) but up." + (3 - level) + " has " + used + " resnets");
            }
        }
        if (!problems.isEmpty()) {
            throw new PresetException(where + ": skip connections do not pair up (docs/architectures.md): " + String.join("; ", problems));
        }
        if (p.latentHeight() % 8 != 0 || p.latentWidth() % 8 != 0) {
            throw new PresetException(where + ": latent size must be a multiple of 8 (three downsamplers)");
        }
        return p;
    }

    private static int count(List<String> layers, String kind) {
        return (int) layers.stream().filter(kind::equals).count();
    }
}
