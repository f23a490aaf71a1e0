package dev.snapfusion.bridge.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.arch.PresetException;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.arch.UnetConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.snapfusion.runner.bundle.SchedulerConfig;
import dev.snapfusion.runner.sched.SchedulerParams;
import java.util.stream.Stream;

/**
 * A diffusers pipeline folder as {@code save_pretrained} writes it: configs become the arch records,
 * weights are the safetensors (single or sharded) of unet/, vae/ and text_encoder/. The VAE's old
 * attention names (query/key/value/proj_attn) read as the new ones. Unused on purpose: the VAE
 * encoder and quant_conv (only the decoder is converted) and text position_ids.
 */
final class DiffusersFolder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DiffusersFolder() {
    }

    static PipelineSource open(Path dir) {
        if (!Files.isRegularFile(dir.resolve("model_index.json"))) {
            throw new PresetException(dir + " is a folder but not a diffusers pipeline (no model_index.json); point --source at the folder "
                    + "save_pretrained wrote, or use " + PipelineSource.FORMS);
        }
        PipelinePreset preset = preset(dir);
        List<AutoCloseable> open = new ArrayList<>();
        try {
            SafetensorsCheckpoint unetFile = weights(dir, "unet", "diffusion_pytorch_model");
            open.add(unetFile);
            SafetensorsCheckpoint vaeFile = weights(dir, "vae", "diffusion_pytorch_model");
            open.add(vaeFile);
            SafetensorsCheckpoint textFile = weights(dir, "text_encoder", "model");
            open.add(textFile);
            NamedCheckpoint vae = vaeFile.names().stream().anyMatch(n -> n.endsWith(".query.weight"))
                    ? new RenamedCheckpoint(vaeFile, "old VAE attention names", n -> true, DiffusersFolder::newVaeName) : vaeFile;
            StrictCheckpoint u = new StrictCheckpoint("unet", unetFile, n -> false);
            StrictCheckpoint v = new StrictCheckpoint("vae", vae, n -> n.startsWith("encoder.") || n.startsWith("quant_conv."));
            StrictCheckpoint t = new StrictCheckpoint("text_encoder", textFile, n -> n.equals("text_model.embeddings.position_ids"));
            return new PipelineSource(preset, t, u, v, dir.resolve("tokenizer"), List.of(t, u, v), open, "diffusers folder " + dir,
                    scheduler(dir));
        } catch (RuntimeException e) {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort while failing
                }
            }
            throw e;
        }
    }

    static String newVaeName(String n) {
        if (!n.contains(".attentions.")) return n;
        return n.replace(".query.", ".to_q.").replace(".key.", ".to_k.").replace(".value.", ".to_v.").replace(".proj_attn.", ".to_out.0.");
    }

    private static PipelinePreset preset(Path dir) {
        Path unetCfg = dir.resolve("unet/config.json");
        UnetConfig unet = DiffusersConfigs.unet(json(unetCfg), unetCfg.toString());
        Presets.validateUnet(unet, unetCfg.toString());
        Path vaeCfg = dir.resolve("vae/config.json");
        var vae = DiffusersConfigs.vae(json(vaeCfg), vaeCfg.toString());
        Path textCfg = dir.resolve("text_encoder/config.json");
        JsonNode textJson = json(textCfg);
        var text = DiffusersConfigs.text(textJson, textCfg.toString());
        Path vocab = dir.resolve("tokenizer/vocab.json");
        if (!Files.isRegularFile(vocab) || !Files.isRegularFile(dir.resolve("tokenizer/merges.txt"))) {
            throw new PresetException(dir.resolve("tokenizer") + ": needs vocab.json and merges.txt (CLIPTokenizer files)");
        }
        int vocabSize = json(vocab).size();
        if (textJson.hasNonNull("vocab_size") && textJson.get("vocab_size").asInt() != vocabSize) {
            throw new PresetException(textCfg + ": field vocab_size " + textJson.get("vocab_size").asInt() + " differs from the "
                    + vocabSize + " entries of " + vocab);
        }
        Path sched = dir.resolve("scheduler/scheduler_config.json");
        JsonNode schedJson = Files.isRegularFile(sched) ? json(sched) : null;
        String prediction = schedJson != null && schedJson.hasNonNull("prediction_type")
                ? schedJson.get("prediction_type").asText() : "epsilon";
        JsonNode unetJson = json(unetCfg);
        int sample = unetJson.hasNonNull("sample_size") && unetJson.get("sample_size").isInt() ? unetJson.get("sample_size").asInt() : 64;
        String variant = variantOf(unet);
        PipelinePreset p = new PipelinePreset(dir.getFileName().toString(), variant, prediction, variant.equals("snapfusion") ? 8 : 25, 7.5,
                sample, sample, 0, text, unet, vae);
        return Presets.validate(p, dir.toString());
    }

    /**
     * The folder's noise schedule; DDIM samples it whatever scheduler class the config names (the runner's default, as
     * for every bundle). Absent file: SD-v1.5's. Unsupported betas or spacing fail here, naming the file.
     */
    static SchedulerConfig scheduler(Path dir) {
        Path file = dir.resolve("scheduler/scheduler_config.json");
        SchedulerConfig sd = SchedulerConfig.sd15Ddim();
        if (!Files.isRegularFile(file)) return sd;
        JsonNode c = json(file);
        SchedulerConfig s = new SchedulerConfig("ddim",
                c.path("num_train_timesteps").asInt(sd.numTrainTimesteps()),
                c.path("beta_start").asDouble(sd.betaStart()),
                c.path("beta_end").asDouble(sd.betaEnd()),
                c.path("beta_schedule").asText(sd.betaSchedule()),
                c.path("steps_offset").asInt(sd.stepsOffset()),
                c.path("set_alpha_to_one").asBoolean(sd.setAlphaToOne()),
                c.path("timestep_spacing").asText(sd.timestepSpacing()));
        try {
            SchedulerParams.from(s);
        } catch (IllegalArgumentException e) {
            throw new PresetException(file + ": " + e.getMessage());
        }
        return s;
    }

    /** The built-in preset whose UNet layout this is, else "custom". */
    static String variantOf(UnetConfig u) {
        for (String name : Presets.NAMED) {
            UnetConfig n = Presets.named(name).unet();
            if (n.blockOutChannels().size() != u.blockOutChannels().size()) continue;
            boolean same = true;
            for (String s : u.stageNames()) same &= n.layers(s).equals(u.layers(s));
            if (same) return Presets.named(name).variant();
        }
        return "custom";
    }

    private static SafetensorsCheckpoint weights(Path dir, String component, String stem) {
        Path sub = dir.resolve(component);
        // Full-precision files first, then the fp16 variant (save_pretrained(variant="fp16")) when it is all there is.
        for (String variant : List.of("", ".fp16")) {
            Path index = sub.resolve(stem + variant + ".safetensors.index.json");
            if (Files.isRegularFile(index)) return SafetensorsCheckpoint.open(index);
            Path single = sub.resolve(stem + variant + ".safetensors");
            if (Files.isRegularFile(single)) return SafetensorsCheckpoint.open(single);
        }
        List<String> present = new ArrayList<>();
        if (Files.isDirectory(sub)) {
            try (Stream<Path> s = Files.list(sub)) {
                s.map(p -> p.getFileName().toString()).sorted().forEach(present::add);
            } catch (IOException e) {
                throw new CheckpointException(sub + ": cannot list: " + e.getMessage());
            }
        }
        String hint = present.stream().anyMatch(f -> f.endsWith(".bin"))
                ? "; PyTorch .bin (pickle) weights are not read, save with safe_serialization=True" : "";
        throw new CheckpointException(sub + ": no " + stem + ".safetensors or " + stem + ".safetensors.index.json (found: "
                + (present.isEmpty() ? "nothing" : String.join(", ", present)) + ")" + hint);
    }

    private static JsonNode json(Path file) {
        if (!Files.isRegularFile(file)) throw new PresetException(file + ": missing (a diffusers folder has one per component)");
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.isObject()) throw new PresetException(file + ": not a JSON object");
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PresetException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PresetException(file + ": cannot read: " + e.getMessage());
        }
    }
}
