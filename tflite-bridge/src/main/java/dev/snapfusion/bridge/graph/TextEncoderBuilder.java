package dev.snapfusion.bridge.graph;

import dev.snapfusion.bridge.arch.TextEncoderConfig;
import dev.snapfusion.bridge.source.Checkpoint;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.T;
import dev.snapfusion.bridge.tflite.WeightFormat;

/**
 * transformers CLIPTextModel: token + position embeddings, pre-LN causal transformer layers,
 * final LayerNorm. Input {@code input_ids} int32 [77]; output {@code last_hidden_state} [77, D].
 */
public final class TextEncoderBuilder {
    private static final float MASKED = -1e9f;
    private final TextEncoderConfig cfg;

    public TextEncoderBuilder(TextEncoderConfig cfg) {
        this.cfg = cfg;
    }

    public Graph build(String name, Checkpoint w, int vocabSize, WeightFormat fmt) {
        Graph g = new Graph(name).weightFormat(fmt);
        Nn nn = new Nn(g, w);
        int n = cfg.maxPositionEmbeddings(), d = cfg.hiddenSize();
        T ids = g.inputInt32("input_ids", n);
        String e = "text_model.embeddings.";
        T tok = g.weight(e + "token_embedding.weight", w.tensor(e + "token_embedding.weight", vocabSize, d), vocabSize, d);
        T pos = g.weight(e + "position_embedding.weight", w.tensor(e + "position_embedding.weight", n, d), n, d);
        T x = g.add(g.gather(tok, ids), pos);
        float[] causal = new float[n * n];
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) causal[i * n + j] = MASKED;
        T mask = g.constant("causal_mask", causal, 1, n, n);
        for (int l = 0; l < cfg.numHiddenLayers(); l++) {
            String p = "text_model.encoder.layers." + l;
            T a = nn.maskedAttention(p + ".self_attn", nn.layerNorm(p + ".layer_norm1", x, cfg.layerNormEps()),
                    cfg.numAttentionHeads(), mask);
            x = g.add(x, a);
            T h = nn.linear(p + ".mlp.fc1", nn.layerNorm(p + ".layer_norm2", x, cfg.layerNormEps()), cfg.intermediateSize(), true);
            h = cfg.hiddenAct().equals("quick_gelu") ? nn.quickGelu(h) : nn.gelu(h);
            x = g.add(x, nn.linear(p + ".mlp.fc2", h, d, true));
        }
        g.output("last_hidden_state", nn.layerNorm("text_model.final_layer_norm", x, cfg.layerNormEps()));
        return g;
    }
}
