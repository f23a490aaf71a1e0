package dev.snapfusion.bridge.reference;

import dev.snapfusion.bridge.arch.VaeConfig;
import dev.snapfusion.bridge.source.Checkpoint;
import java.util.List;

/**
 * diffusers AutoencoderKL.decode in plain Java: post_quant_conv, then Decoder (conv_in, mid block resnet /
 * single-head attention / resnet, up blocks of layers_per_block + 1 resnets with nearest ×2 upsamplers,
 * GroupNorm, SiLU, conv_out). Every norm uses eps 1e-6, as diffusers' VAE does.
 */
public final class VaeDecoderReference {
    private static final double EPS = 1e-6;
    private final VaeConfig cfg;
    private final Ops ops;

    public VaeDecoderReference(VaeConfig cfg, Checkpoint weights) {
        this.cfg = cfg;
        this.ops = new Ops(weights);
    }

    /** {@code latent} already divided by the scaling factor; returns the image [3, 8h, 8w] in about [-1, 1]. */
    public Nchw decode(Nchw latent) {
        List<Integer> ch = cfg.blockOutChannels();
        int top = ch.get(ch.size() - 1);
        Nchw x = ops.conv("post_quant_conv", latent, cfg.latentChannels(), 1, 1, 0);
        x = ops.conv("decoder.conv_in", x, top, 3, 1, 1);
        x = resnet("decoder.mid_block.resnets.0", x, top);
        x = attention("decoder.mid_block.attentions.0", x);
        x = resnet("decoder.mid_block.resnets.1", x, top);
        for (int i = 0; i < ch.size(); i++) {
            int out = ch.get(ch.size() - 1 - i);
            for (int j = 0; j <= cfg.layersPerBlock(); j++) x = resnet("decoder.up_blocks." + i + ".resnets." + j, x, out);
            if (i < ch.size() - 1) x = ops.conv("decoder.up_blocks." + i + ".upsamplers.0.conv", Ops.upsampleNearest2x(x), out, 3, 1, 1);
        }
        x = Ops.silu(ops.groupNorm("decoder.conv_norm_out", x, cfg.normNumGroups(), EPS));
        return ops.conv("decoder.conv_out", x, cfg.outChannels(), 3, 1, 1);
    }

    private Nchw resnet(String p, Nchw x, int out) {
        Nchw h = ops.conv(p + ".conv1", Ops.silu(ops.groupNorm(p + ".norm1", x, cfg.normNumGroups(), EPS)), out, 3, 1, 1);
        h = ops.conv(p + ".conv2", Ops.silu(ops.groupNorm(p + ".norm2", h, cfg.normNumGroups(), EPS)), out, 3, 1, 1);
        Nchw shortcut = x.c() == out ? x : ops.conv(p + ".conv_shortcut", x, out, 1, 1, 0);
        return Ops.add(shortcut, h);
    }

    /** Attention over pixels, one head of all channels, biased q/k/v, plus the residual (rescale_output_factor 1). */
    private Nchw attention(String p, Nchw x) {
        float[] s = Ops.toTokens(ops.groupNorm(p + ".group_norm", x, cfg.normNumGroups(), EPS));
        float[] a = ops.attention(p, s, x.c(), s, x.c(), 1, new String[] {"to_q", "to_k", "to_v", "to_out.0"}, true, false);
        return Ops.add(Ops.fromTokens(a, x.c(), x.h(), x.w()), x);
    }
}
