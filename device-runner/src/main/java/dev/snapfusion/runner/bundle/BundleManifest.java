package dev.snapfusion.runner.bundle;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundle contract between converter, pusher and runner (docs/bundle.md). Immutable; made with
 * {@link #builder()} or {@link #toBuilder()}, so no call site passes twenty positional parts.
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
        return toBuilder().id(newId).files(newFiles).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().formatVersion(formatVersion).id(id).variant(variant).source(source).quantization(quantization)
                .predictionType(predictionType).scheduler(scheduler).defaults(defaultSteps, defaultCfg)
                .latents(latentChannels, latentHeight, latentWidth, scalingFactor)
                .tokenizer(maxTokens, vocabFile, mergesFile).timeEmbeddingDim(timeEmbeddingDim).components(components)
                .blocks(blocks).files(files);
    }

    /** Named, grouped setters for the manifest's parts. Not thread-safe. */
    public static final class Builder {
        private int formatVersion = FORMAT_VERSION;
        private String id = "";
        private String variant = "";
        private String source = "";
        private String quantization = "";
        private String predictionType = "epsilon";
        private SchedulerConfig scheduler = SchedulerConfig.sd15Ddim();
        private int defaultSteps = 50;
        private double defaultCfg = 7.5;
        private int latentChannels = 4;
        private int latentHeight;
        private int latentWidth;
        private double scalingFactor = 0.18215;
        private int maxTokens = 77;
        private String vocabFile = "tokenizer/vocab.json";
        private String mergesFile = "tokenizer/merges.txt";
        private int timeEmbeddingDim;
        private Map<String, Component> components = Map.of();
        private List<Block> blocks = List.of();
        private List<FileEntry> files = List.of();

        private Builder() {
        }

        public Builder formatVersion(int v) { formatVersion = v; return this; }
        public Builder id(String v) { id = v; return this; }
        public Builder variant(String v) { variant = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder quantization(String v) { quantization = v; return this; }
        public Builder predictionType(String v) { predictionType = v; return this; }
        public Builder scheduler(SchedulerConfig v) { scheduler = v; return this; }

        public Builder defaults(int steps, double cfg) {
            defaultSteps = steps;
            defaultCfg = cfg;
            return this;
        }

        public Builder latents(int channels, int height, int width, double scaling) {
            latentChannels = channels;
            latentHeight = height;
            latentWidth = width;
            scalingFactor = scaling;
            return this;
        }

        public Builder tokenizer(int maxLength, String vocab, String merges) {
            maxTokens = maxLength;
            vocabFile = vocab;
            mergesFile = merges;
            return this;
        }

        public Builder timeEmbeddingDim(int v) { timeEmbeddingDim = v; return this; }
        public Builder components(Map<String, Component> v) { components = v; return this; }
        public Builder blocks(List<Block> v) { blocks = v; return this; }
        public Builder files(List<FileEntry> v) { files = v; return this; }

        public BundleManifest build() {
            return new BundleManifest(formatVersion, id, variant, source, quantization, predictionType, scheduler,
                    defaultSteps, defaultCfg, latentChannels, latentHeight, latentWidth, scalingFactor, maxTokens,
                    vocabFile, mergesFile, timeEmbeddingDim, components, blocks, files);
        }
    }
}
