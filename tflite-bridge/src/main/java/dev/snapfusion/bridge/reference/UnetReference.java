package dev.snapfusion.bridge.reference;

import dev.snapfusion.bridge.arch.UnetConfig;
import dev.snapfusion.bridge.source.Checkpoint;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * diffusers UNet2DConditionModel, computed in plain Java from the checkpoint's tensors (NCHW, batch 1), with the
 * per-stage layer lists of a preset and the skip rule of docs/architectures.md. Independent of the graph builders:
 * it is the yardstick they are measured against.
 *
 * <pre>{@code
 * UnetReference ref = new UnetReference(preset.unet(), source.unet());
 * Nchw eps = ref.run(latents, 751, context);   // context: [tokens, cross_attention_dim] row-major
 * }</pre>
 */
public final class UnetReference {
    private final UnetConfig cfg;
    private final Ops ops;
    private final boolean exactGelu;

    public UnetReference(UnetConfig cfg, Checkpoint weights) {
        this(cfg, weights, true);
    }

    /** With {@code exactGelu} false, GEGLU uses the tanh approximation instead: only to measure that gap in tests. */
    UnetReference(UnetConfig cfg, Checkpoint weights, boolean exactGelu) {
        this.cfg = cfg;
        this.ops = new Ops(weights);
        this.exactGelu = exactGelu;
    }

    /** The whole UNet at integer timestep {@code t}. */
    public Nchw run(Nchw sample, int t, float[] context) {
        return run(sample, timestepSinusoid(t, cfg.blockOutChannels().get(0)), context);
    }

    /** The whole UNet from the sinusoidal timestep features (what the converted model takes as {@code t_emb}). */
    public Nchw run(Nchw sample, float[] sinusoid, float[] context) {
        float[] temb = timeEmbedding(sinusoid);
        Nchw h = convIn(sample);
        Deque<Nchw> skips = new ArrayDeque<>();
        skips.push(h);
        int n = cfg.levels();
        for (int i = 0; i < n; i++) {
            String stage = "down." + i;
            int r = 0, a = 0;
            boolean any = false;
            for (String layer : cfg.layers(stage)) {
                if (layer.equals("resnet")) {
                    if (any) skips.push(h);          // the previous resnet group ends here
                    h = resnet(stage, r++, h, null, temb);
                } else {
                    h = crossAttention(stage, a++, h, context);
                }
                any = true;
            }
            if (any) skips.push(h);
            if (i < n - 1) {
                h = downsample(i, h);
                skips.push(h);
            }
        }
        h = stage("mid", h, skips, temb, context);
        for (int i = 0; i < n; i++) {
            h = stage("up." + i, h, skips, temb, context);
            if (i < n - 1) h = upsample(i, h);
        }
        if (!skips.isEmpty()) throw new IllegalStateException(skips.size() + " skips left over: the preset breaks the skip rule");
        return convOut(h);
    }

    private Nchw stage(String stage, Nchw h, Deque<Nchw> skips, float[] temb, float[] context) {
        int r = 0, a = 0;
        for (String layer : cfg.layers(stage)) {
            if (layer.equals("resnet")) h = resnet(stage, r++, h, stage.startsWith("up") ? skips.pop() : null, temb);
            else h = crossAttention(stage, a++, h, context);
        }
        return h;
    }

    /**
     * diffusers get_timestep_embedding(t, dim, flip_sin_to_cos=True, downscale_freq_shift=0):
     * [cos(t f_i), sin(t f_i)] with f_i = exp(-ln(10000) i / (dim / 2)).
     */
    public static float[] timestepSinusoid(int t, int dim) {
        int half = dim / 2;
        float[] e = new float[dim];
        for (int i = 0; i < half; i++) {
            double f = Math.exp(-Math.log(10000) * i / half);
            e[i] = (float) Math.cos(t * f);
            e[half + i] = (float) Math.sin(t * f);
        }
        return e;
    }

    /** TimestepEmbedding: linear_1, SiLU, linear_2 → [4 C0]. */
    public float[] timeEmbedding(float[] sinusoid) {
        int c0 = cfg.blockOutChannels().get(0), td = cfg.timeEmbeddingDim();
        float[] h = Ops.silu(ops.linear("time_embedding.linear_1", sinusoid, c0, td, true));
        return ops.linear("time_embedding.linear_2", h, td, td, true);
    }

    public Nchw convIn(Nchw sample) {
        return ops.conv("conv_in", sample, cfg.blockOutChannels().get(0), 3, 1, 1);
    }

    /** conv_norm_out (GroupNorm), SiLU, conv_out. */
    public Nchw convOut(Nchw h) {
        return ops.conv("conv_out", Ops.silu(ops.groupNorm("conv_norm_out", h, cfg.normNumGroups(), cfg.normEps())),
                cfg.outChannels(), 3, 1, 1);
    }

    /** Downsample2D of down_blocks.{level}: 3×3 conv, stride 2, padding 1 (symmetric, as PyTorch pads). */
    public Nchw downsample(int level, Nchw h) {
        return ops.conv("down_blocks." + level + ".downsamplers.0.conv", h, h.c(), 3, 2, 1);
    }

    /** Upsample2D of up_blocks.{index}: nearest ×2, then a 3×3 conv. */
    public Nchw upsample(int index, Nchw h) {
        return ops.conv("up_blocks." + index + ".upsamplers.0.conv", Ops.upsampleNearest2x(h), h.c(), 3, 1, 1);
    }

    /**
     * ResnetBlock2D number {@code index} of {@code stage} (output_scale_factor 1, time_embedding_norm "default");
     * an up-stage resnet takes {@code concat([h, skip])}, other stages pass a null skip.
     */
    public Nchw resnet(String stage, int index, Nchw h, Nchw skip, float[] temb) {
        Nchw x = skip == null ? h : Ops.concat(h, skip);
        String p = prefix(stage) + ".resnets." + index;
        int out = cfg.channels(stage), groups = cfg.normNumGroups();
        double eps = cfg.normEps();
        Nchw y = ops.conv(p + ".conv1", Ops.silu(ops.groupNorm(p + ".norm1", x, groups, eps)), out, 3, 1, 1);
        float[] t = ops.linear(p + ".time_emb_proj", Ops.silu(temb), temb.length, out, true);
        float[] d = y.data().clone();
        int hw = y.h() * y.w();
        for (int i = 0; i < d.length; i++) d[i] += t[i / hw];
        y = ops.conv(p + ".conv2", Ops.silu(ops.groupNorm(p + ".norm2", new Nchw(d, out, y.h(), y.w()), groups, eps)), out, 3, 1, 1);
        Nchw shortcut = x.c() == out ? x : ops.conv(p + ".conv_shortcut", x, out, 1, 1, 0);
        return Ops.add(shortcut, y);
    }

    /**
     * Transformer2DModel number {@code index} of {@code stage} (use_linear_projection false, one BasicTransformerBlock):
     * GroupNorm (eps 1e-6), 1×1 proj_in, self-attention, cross-attention on {@code context}, GEGLU feed-forward
     * with exact GELU, 1×1 proj_out, residual.
     */
    public Nchw crossAttention(String stage, int index, Nchw x, float[] context) {
        String p = prefix(stage) + ".attentions." + index;
        int c = x.c(), heads = cfg.attentionHeads(), cd = cfg.crossAttentionDim();
        String[] names = {"to_q", "to_k", "to_v", "to_out.0"};
        Nchw n = ops.conv(p + ".proj_in", ops.groupNorm(p + ".norm", x, cfg.normNumGroups(), 1e-6), c, 1, 1, 0);
        float[] s = Ops.toTokens(n);
        String b = p + ".transformer_blocks.0";
        float[] n1 = ops.layerNorm(b + ".norm1", s, c, 1e-5);
        s = Ops.add(s, ops.attention(b + ".attn1", n1, c, n1, c, heads, names, false, false));
        s = Ops.add(s, ops.attention(b + ".attn2", ops.layerNorm(b + ".norm2", s, c, 1e-5), c, context, cd, heads, names, false, false));
        float[] proj = ops.linear(b + ".ff.net.0.proj", ops.layerNorm(b + ".norm3", s, c, 1e-5), c, 8 * c, true);
        int inner = 4 * c, rows = s.length / c;
        float[] geglu = new float[rows * inner];
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < inner; i++) {    // GEGLU: hidden, gate = proj.chunk(2); hidden * gelu(gate)
                double gate = proj[r * 8 * c + inner + i];
                geglu[r * inner + i] = (float) (proj[r * 8 * c + i] * (exactGelu ? Ops.gelu(gate) : Ops.geluTanh(gate)));
            }
        s = Ops.add(s, ops.linear(b + ".ff.net.2", geglu, inner, c, true));
        Nchw o = ops.conv(p + ".proj_out", Ops.fromTokens(s, c, x.h(), x.w()), c, 1, 1, 0);
        return Ops.add(o, x);
    }

    private static String prefix(String stage) {
        if (stage.equals("mid")) return "mid_block";
        return (stage.startsWith("down") ? "down_blocks." : "up_blocks.") + stage.substring(stage.indexOf('.') + 1);
    }
}
