package dev.snapfusion.bridge.arch;

/**
 * A whole pipeline preset: what the demo sources are made of (assets/presets/demo-*.json).
 *
 * @param weightSeed seed of the deterministic synthetic weights
 */
public record PipelinePreset(String name, String variant, String predictionType, int defaultSteps, double defaultCfg,
                             int latentHeight, int latentWidth, long weightSeed, TextEncoderConfig textEncoder,
                             UnetConfig unet, VaeConfig vaeDecoder) {
}
