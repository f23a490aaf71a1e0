package dev.snapfusion.bridge.reference;

import dev.snapfusion.bridge.arch.TextEncoderConfig;
import dev.snapfusion.bridge.source.Checkpoint;

/**
 * transformers CLIPTextModel in plain Java: token + position embeddings, pre-LayerNorm layers of causal
 * self-attention and an MLP (quick_gelu, or exact GELU for "gelu"), final LayerNorm. Returns last_hidden_state.
 */
public final class TextEncoderReference {
    private final TextEncoderConfig cfg;
    private final Checkpoint weights;
    private final Ops ops;
    private final int vocabSize;

    public TextEncoderReference(TextEncoderConfig cfg, Checkpoint weights, int vocabSize) {
        this.cfg = cfg;
        this.weights = weights;
        this.ops = new Ops(weights);
        this.vocabSize = vocabSize;
    }

    /** {@code ids} of length max_position_embeddings → [n, hidden] row-major. */
    public float[] encode(int[] ids) {
        int n = cfg.maxPositionEmbeddings(), d = cfg.hiddenSize();
        if (ids.length != n) throw new IllegalArgumentException("expected " + n + " token ids, got " + ids.length);
        float[] tok = weights.tensor("text_model.embeddings.token_embedding.weight", vocabSize, d);
        float[] pos = weights.tensor("text_model.embeddings.position_embedding.weight", n, d);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++)
            for (int e = 0; e < d; e++) x[i * d + e] = tok[ids[i] * d + e] + pos[i * d + e];
        double eps = cfg.layerNormEps();
        String[] names = {"q_proj", "k_proj", "v_proj", "out_proj"};
        for (int l = 0; l < cfg.numHiddenLayers(); l++) {
            String p = "text_model.encoder.layers." + l;
            float[] h = ops.layerNorm(p + ".layer_norm1", x, d, eps);
            x = Ops.add(x, ops.attention(p + ".self_attn", h, d, h, d, cfg.numAttentionHeads(), names, true, true));
            h = ops.linear(p + ".mlp.fc1", ops.layerNorm(p + ".layer_norm2", x, d, eps), d, cfg.intermediateSize(), true);
            h = activation(h);
            x = Ops.add(x, ops.linear(p + ".mlp.fc2", h, cfg.intermediateSize(), d, true));
        }
        return ops.layerNorm("text_model.final_layer_norm", x, d, eps);
    }

    private float[] activation(float[] h) {
        if (cfg.hiddenAct().equals("quick_gelu")) return Ops.quickGelu(h);
        float[] y = new float[h.length];
        for (int i = 0; i < h.length; i++) y[i] = (float) Ops.gelu(h[i]);
        return y;
    }
}
