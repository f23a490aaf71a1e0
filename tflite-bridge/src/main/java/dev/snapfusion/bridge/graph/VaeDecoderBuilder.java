package dev.snapfusion.bridge.graph;

import dev.snapfusion.bridge.arch.VaeConfig;
import dev.snapfusion.bridge.source.Checkpoint;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.T;
import java.util.List;

/**
 * diffusers AutoencoderKL decode path: post_quant_conv then Decoder. Input {@code latent} [1,h,w,4]
 * (already divided by the scaling factor), output {@code image} [1,8h,8w,3] in about [-1, 1].
 * VAE norms use eps 1e-6, as diffusers does.
 */
public final class VaeDecoderBuilder {
    private static final double EPS = 1e-6;
    private final VaeConfig cfg;

    public VaeDecoderBuilder(VaeConfig cfg) {
        this.cfg = cfg;
    }

    public Graph build(String name, Checkpoint w, int latentH, int latentW, dev.snapfusion.bridge.tflite.WeightFormat fmt) {
        Graph g = new Graph(name).weightFormat(fmt);
        Nn nn = new Nn(g, w);
        List<Integer> ch = cfg.blockOutChannels();
        int top = ch.get(ch.size() - 1);
        T z = g.input("latent", 1, latentH, latentW, cfg.latentChannels());
        T x = nn.conv("post_quant_conv", z, cfg.latentChannels(), 1, 1, 0);
        x = nn.conv("decoder.conv_in", x, top, 3, 1, 1);
        x = resnet(nn, "decoder.mid_block.resnets.0", x, top);
        x = attention(nn, "decoder.mid_block.attentions.0", x);
        x = resnet(nn, "decoder.mid_block.resnets.1", x, top);
        for (int i = 0; i < ch.size(); i++) {
            int out = ch.get(ch.size() - 1 - i);
            for (int j = 0; j <= cfg.layersPerBlock(); j++) x = resnet(nn, "decoder.up_blocks." + i + ".resnets." + j, x, out);
            if (i < ch.size() - 1) {
                x = g.resizeNearest(x, x.dim(1) * 2, x.dim(2) * 2);
                x = nn.conv("decoder.up_blocks." + i + ".upsamplers.0.conv", x, out, 3, 1, 1);
            }
        }
        x = nn.silu(nn.groupNorm("decoder.conv_norm_out", x, cfg.normNumGroups(), EPS));
        g.output("image", nn.conv("decoder.conv_out", x, cfg.outChannels(), 3, 1, 1));
        return g;
    }

    private T resnet(Nn nn, String p, T x, int out) {
        int in = x.dim(3);
        T h = nn.conv(p + ".conv1", nn.silu(nn.groupNorm(p + ".norm1", x, cfg.normNumGroups(), EPS)), out, 3, 1, 1);
        h = nn.conv(p + ".conv2", nn.silu(nn.groupNorm(p + ".norm2", h, cfg.normNumGroups(), EPS)), out, 3, 1, 1);
        T shortcut = in == out ? x : nn.conv(p + ".conv_shortcut", x, out, 1, 1, 0);
        return nn.g.add(shortcut, h);
    }

    /** Single-head self-attention over pixels with a residual (new to_q/to_k/to_v/to_out.0 names). */
    private T attention(Nn nn, String p, T x) {
        Graph g = nn.g;
        int h = x.dim(1), w = x.dim(2), c = x.dim(3);
        T s = g.reshape(nn.groupNorm(p + ".group_norm", x, cfg.normNumGroups(), EPS), h * w, c);
        T a = nn.attention(p, s, s, 1, "to_q", "to_k", "to_v", "to_out.0", true);
        return g.add(g.reshape(a, 1, h, w, c), x);
    }
}
