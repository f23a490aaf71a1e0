package dev.snapfusion.runner.bundle;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundle contract between converter, pusher and runner (docs/bundle.md). Immutable.
 *
 * @param predictionType {@code epsilon} or {@code v_prediction}, as diffusers spells it
 * @param latentHeight latent height (image height / 8)
 */
public record BundleManifest(
        int formatVersion,
        String id,
        String variant,
        String source,
        String quantization,
        String predictionType,
        SchedulerConfig scheduler,
        int defaultSteps,
        double defaultCfg,
        int latentChannels,
        int latentHeight,
        int latentWidth,
        double scalingFactor,
        int maxTokens,
        String vocabFile,
        String mergesFile,
        int timeEmbeddingDim,
        Map<String, Component> components,
        List<Block> blocks,
        List<FileEntry> files) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";
    public static final String TEXT_ENCODER = "text_encoder";
    public static final String UNET = "unet";
    public static final String VAE_DECODER = "vae_decoder";

    public BundleManifest {
        components = Map.copyOf(components);
        blocks = List.copyOf(blocks);
        files = List.copyOf(files);
    }

    public Component component(String name) {
        Component c = components.get(name);
        if (c == null) throw new BundleFormatException("manifest has no component '" + name + "'");
        return c;
    }

    public Optional<FileEntry> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }

    public BundleManifest withFiles(String newId, List<FileEntry> newFiles) {
        return new BundleManifest(formatVersion, newId, variant, source, quantization, predictionType, scheduler,
                defaultSteps, defaultCfg, latentChannels, latentHeight, latentWidth, scalingFactor, maxTokens,
                vocabFile, mergesFile, timeEmbeddingDim, components, blocks, newFiles);
    }
}
