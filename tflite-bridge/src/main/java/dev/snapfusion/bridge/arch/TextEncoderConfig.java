package dev.snapfusion.bridge.arch;

/** A CLIP text encoder preset (HF CLIPTextConfig fields). */
public record TextEncoderConfig(int hiddenSize, int numHiddenLayers, int numAttentionHeads, int intermediateSize,
                                int maxPositionEmbeddings, String hiddenAct, double layerNormEps) {
}
