package dev.snapfusion.bridge.source;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.arch.PresetException;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.demo.DemoVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An original single-file checkpoint ({@code model.diffusion_model.*}, {@code first_stage_model.*},
 * {@code cond_stage_model.transformer.*}). Such a file holds no config: the architecture is the
 * {@code sd15} preset, or {@code NAME.preset.json} next to {@code NAME.safetensors} when present.
 * The CLIP tokenizer comes from a {@code tokenizer/} folder next to the file (vocab.json, merges.txt),
 * or the demo vocabulary when the token embedding has its size. Ignored on purpose: the VAE encoder,
 * quant_conv and loss, EMA copies ({@code model_ema.*}), top-level noise-schedule buffers
 * ({@code alphas_cumprod} …) and {@code position_ids}.
 */
final class LdmFile {
    private LdmFile() {
    }

    static PipelineSource open(Path file) {
        String name = file.getFileName().toString();
        Path presetFile = file.resolveSibling(name.substring(0, name.length() - ".safetensors".length()) + ".preset.json");
        PipelinePreset preset = Files.isRegularFile(presetFile) ? Presets.read(presetFile) : Presets.named("sd15");
        SafetensorsCheckpoint all = SafetensorsCheckpoint.open(file);
        try {
            if (all.names().stream().noneMatch(n -> n.startsWith(LdmLayout.UNET))) {
                throw new CheckpointException(file + ": no " + LdmLayout.UNET + "* tensors; not an original (LDM) single-file checkpoint"
                        + (all.names().contains("conv_in.weight") ? " (it looks like a diffusers UNet file: pass its pipeline folder)" : ""));
            }
            LdmLayout layout = new LdmLayout(preset);
            RenamedCheckpoint unet = new RenamedCheckpoint(all, "", n -> n.startsWith(LdmLayout.UNET), layout::unetFromLdm);
            RenamedCheckpoint vae = new RenamedCheckpoint(all, "", n -> n.startsWith(LdmLayout.VAE), layout::vaeFromLdm);
            RenamedCheckpoint text = new RenamedCheckpoint(all, "", n -> n.startsWith("cond_stage_model."), LdmLayout::textFromLdm);
            RenamedCheckpoint other = new RenamedCheckpoint(all, "", n -> !n.startsWith(LdmLayout.UNET) && !n.startsWith(LdmLayout.VAE)
                    && !n.startsWith("cond_stage_model."), n -> n);
            StrictCheckpoint u = new StrictCheckpoint("unet", unet, n -> false);
            StrictCheckpoint v = new StrictCheckpoint("vae", vae, n -> n.startsWith(LdmLayout.VAE + "encoder.")
                    || n.startsWith(LdmLayout.VAE + "quant_conv.") || n.startsWith(LdmLayout.VAE + "loss."));
            StrictCheckpoint t = new StrictCheckpoint("text_encoder", text,
                    n -> n.equals(LdmLayout.TEXT + "text_model.embeddings.position_ids") || n.equals("text_model.embeddings.position_ids"));
            StrictCheckpoint o = new StrictCheckpoint("other", other, n -> n.startsWith("model_ema.") || !n.contains("."));
            Path tokenizer = file.resolveSibling("tokenizer");
            String tokEmb = "text_model.embeddings.token_embedding.weight";
            if (!Files.isRegularFile(tokenizer.resolve("vocab.json"))) {
                tokenizer = null;
                if (text.names().contains(tokEmb) && text.shape(tokEmb)[0] != DemoVocabulary.vocabSize()) {
                    throw new PresetException(file + ": its text encoder has " + text.shape(tokEmb)[0] + " tokens; put the CLIP tokenizer "
                            + "(vocab.json, merges.txt) in " + file.resolveSibling("tokenizer"));
                }
            }
            PipelinePreset named = new PipelinePreset(name, preset.variant(), preset.predictionType(), preset.defaultSteps(), preset.defaultCfg(),
                    preset.latentHeight(), preset.latentWidth(), 0, preset.textEncoder(), preset.unet(), preset.vaeDecoder());
            return new PipelineSource(named, t, u, v, tokenizer, List.of(t, u, v, o), List.of(all), "single-file checkpoint " + file);
        } catch (RuntimeException e) {
            all.close();
            throw e;
        }
    }
}
