package dev.snapfusion.bridge.source;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.arch.PresetException;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.demo.DemoVocabulary;
import dev.snapfusion.runner.bundle.SchedulerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a conversion's architecture and weights come from, resolved from the {@code --source} text:
 * <ul>
 *   <li>{@code demo:snapfusion}, {@code demo:sd15}: the trained toy pair shipped in assets (docs/toy-models.md), read
 *       as the diffusers folders they are;</li>
 *   <li>{@code sd15}, {@code snapfusion}, {@code bk-sdm-base|small|tiny}, or a preset {@code .json}: synthetic weights;</li>
 *   <li>{@code synthetic:ARCH} ({@code synthetic:demo:sd15}, …): ARCH's architecture with synthetic weights;</li>
 *   <li>a diffusers folder (has {@code model_index.json}): its configs and safetensors weights;</li>
 *   <li>a {@code .safetensors} file with LDM names (single-file original checkpoint);</li>
 *   <li>{@code derive:PRESET:PATH}: PRESET's UNet stages with weights kept from the checkpoint at PATH.</li>
 * </ul>
 * Real weights are read through {@link StrictCheckpoint}s: call {@link #verify} after building every
 * component to fail on missing or leftover tensors, and {@link #verifyFinite} to fail on NaN or ±Inf
 * weights. Close to release the memory maps. Thread-safe for reads.
 *
 * <pre>{@code
 * try (PipelineSource src = PipelineSource.open("/models/stable-diffusion-v1-5")) {
 *     Graph unet = new UnetBuilder(src.preset().unet(), 64, 64, 77).buildWhole("unet", src.unet(), fmt);
 *     src.verify();
 *     src.verifyFinite();
 * }
 * }</pre>
 */
public final class PipelineSource implements AutoCloseable {
    static final String FORMS = "demo:snapfusion, demo:sd15, synthetic:demo:snapfusion, " + String.join(", ", Presets.NAMED)
            + ", a preset .json, a diffusers folder, a single-file .safetensors, or derive:PRESET:PATH";

    private final PipelinePreset preset;
    private final Checkpoint text;
    private final Checkpoint unet;
    private final Checkpoint vae;
    private final Path tokenizer;
    private final List<StrictCheckpoint> strict;
    private final List<AutoCloseable> resources;
    private final String description;
    private final SchedulerConfig scheduler;

    PipelineSource(PipelinePreset preset, Checkpoint text, Checkpoint unet, Checkpoint vae, Path tokenizer,
                   List<StrictCheckpoint> strict, List<AutoCloseable> resources, String description) {
        this(preset, text, unet, vae, tokenizer, strict, resources, description, SchedulerConfig.sd15Ddim());
    }

    PipelineSource(PipelinePreset preset, Checkpoint text, Checkpoint unet, Checkpoint vae, Path tokenizer,
                   List<StrictCheckpoint> strict, List<AutoCloseable> resources, String description, SchedulerConfig scheduler) {
        this.scheduler = scheduler;
        this.preset = preset;
        this.text = text;
        this.unet = unet;
        this.vae = vae;
        this.tokenizer = tokenizer;
        this.strict = List.copyOf(strict);
        this.resources = List.copyOf(resources);
        this.description = description;
    }

    /** Resolves {@code source}; user mistakes throw {@link PresetException} or {@link CheckpointException} naming the input. */
    public static PipelineSource open(String source) {
        if (source.startsWith("demo:")) return ToyModels.open(source);
        if (source.startsWith("synthetic:")) {
            String arch = source.substring("synthetic:".length());
            return synthetic(arch.startsWith("demo:") ? Presets.builtIn(arch) : Presets.resolve(arch));
        }
        if (source.startsWith("derive:")) return derive(source);
        if (Presets.NAMED.contains(source)) return synthetic(Presets.named(source));
        Path p = Path.of(source);
        if (Files.isDirectory(p)) return DiffusersFolder.open(p);
        if (!Files.isRegularFile(p)) throw new PresetException("--source " + source + ": no such file or folder (use " + FORMS + ")");
        String name = p.getFileName().toString();
        if (name.endsWith(".safetensors")) return LdmFile.open(p);
        if (name.endsWith(".json")) return synthetic(Presets.read(p));
        throw new PresetException("--source " + source + ": not a preset .json or a .safetensors file (use " + FORMS + ")");
    }

    /** A preset with deterministic synthetic weights (demo or timing work). */
    public static PipelineSource synthetic(PipelinePreset preset) {
        Checkpoint w = new SyntheticCheckpoint(preset.weightSeed());
        return new PipelineSource(preset, w, w, w, null, List.of(), List.of(), w.describe());
    }

    private static PipelineSource derive(String source) {
        String rest = source.substring("derive:".length());
        int colon = rest.indexOf(':', rest.startsWith("demo:") ? "demo:".length() : 0);
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new PresetException("--source " + source + ": use derive:PRESET:PATH, e.g. derive:snapfusion:/models/sd15");
        }
        PipelinePreset child = Presets.resolve(rest.substring(0, colon));
        PipelineSource parent = open(rest.substring(colon + 1));
        try {
            return parent.derive(child);
        } catch (RuntimeException e) {
            parent.close();
            throw e;
        }
    }

    /**
     * This source with its UNet cut down to {@code child}'s stage layout (everything else of the UNet
     * config, the text encoder, the VAE and the prediction type stay this source's: the weights are).
     */
    public PipelineSource derive(PipelinePreset child) {
        var pu = preset.unet();
        var cu = new dev.snapfusion.bridge.arch.UnetConfig(pu.inChannels(), pu.outChannels(), pu.blockOutChannels(), pu.normNumGroups(),
                pu.normEps(), pu.attentionHeads(), pu.crossAttentionDim(), child.unet().stages());
        PipelinePreset derived = Presets.validate(new PipelinePreset(child.name() + "-derived", child.variant(), preset.predictionType(),
                preset.defaultSteps(), preset.defaultCfg(), preset.latentHeight(), preset.latentWidth(), preset.weightSeed(),
                preset.textEncoder(), cu, preset.vaeDecoder()), "derive:" + child.name());
        // Dropped parent blocks are leftovers on purpose: only missing tensors count for the UNet now.
        Checkpoint parentUnet = unet;
        List<StrictCheckpoint> checks = new ArrayList<>();
        for (StrictCheckpoint s : strict) {
            if (s == unet) {
                StrictCheckpoint relaxed = s.ignoringLeftovers();
                parentUnet = relaxed;
                checks.add(relaxed);
            } else {
                checks.add(s);
            }
        }
        Checkpoint d = new DerivedCheckpoint(pu, cu, parentUnet);
        return new PipelineSource(derived, text, d, vae, tokenizer, checks, resources, "UNet of " + child.name() + " derived from "
                + description, scheduler);
    }

    public PipelinePreset preset() {
        return preset;
    }

    /**
     * The noise schedule the weights were trained with: a diffusers folder's {@code scheduler/scheduler_config.json}
     * (betas, {@code timestep_spacing}, {@code steps_offset}; the runner samples with DDIM whatever class it names),
     * else SD-v1.5's.
     */
    public SchedulerConfig scheduler() {
        return scheduler;
    }

    /** The same weights under another preset identity: name, default steps and CFG (the built-in toy models). */
    PipelineSource named(String name, int defaultSteps, double defaultCfg) {
        PipelinePreset p = new PipelinePreset(name, preset.variant(), preset.predictionType(), defaultSteps, defaultCfg,
                preset.latentHeight(), preset.latentWidth(), preset.weightSeed(), preset.textEncoder(), preset.unet(), preset.vaeDecoder());
        return new PipelineSource(p, text, unet, vae, tokenizer, strict, resources, description, scheduler);
    }

    public Checkpoint textEncoder() {
        return text;
    }

    public Checkpoint unet() {
        return unet;
    }

    public Checkpoint vaeDecoder() {
        return vae;
    }

    /** Writes vocab.json and merges.txt: the source's own tokenizer, or the demo vocabulary for synthetic weights. */
    public void writeTokenizer(Path dir) throws IOException {
        if (tokenizer == null) {
            DemoVocabulary.write(dir);
            return;
        }
        Files.createDirectories(dir);
        for (String f : List.of("vocab.json", "merges.txt")) Files.copy(tokenizer.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Fails listing every missing and leftover tensor of every component read so far. */
    public void verify() {
        List<String> problems = new ArrayList<>();
        for (StrictCheckpoint s : strict) problems.addAll(s.problems());
        if (!problems.isEmpty()) throw new CheckpointException(description + " does not fit its architecture: " + String.join("; ", problems));
    }

    /** Tensors read so far that hold NaN or ±Inf, component by component (empty for synthetic weights). */
    public List<NonFiniteTensor> nonFinite() {
        List<NonFiniteTensor> out = new ArrayList<>();
        for (StrictCheckpoint s : strict) out.addAll(s.nonFinite());
        return out;
    }

    /** Fails naming the tensors read so far that hold NaN or ±Inf (the first {@value NonFiniteTensor#LIST_LIMIT}). */
    public void verifyFinite() {
        List<NonFiniteTensor> bad = nonFinite();
        if (bad.isEmpty()) return;
        throw new CheckpointException(description + " holds NaN or infinite weights in " + bad.size() + " tensor"
                + (bad.size() == 1 ? "" : "s") + ": " + NonFiniteTensor.list(bad) + ". A bundle of them would produce NaN "
                + "images: re-export the checkpoint from a healthy training state, or pass --allow-nonfinite to convert anyway");
    }

    public String describe() {
        return description;
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // Read-only maps: nothing to flush.
            }
        }
    }
}
