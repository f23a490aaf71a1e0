package dev.snapfusion.bridge.graph;

import dev.snapfusion.bridge.arch.UnetConfig;
import dev.snapfusion.bridge.source.Checkpoint;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.T;
import dev.snapfusion.runner.bundle.BlockKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a UNet preset as a list of blocks (diffusers' UNet2DConditionModel semantics and weight names)
 * and emits it whole or one block per graph. Inputs of the whole model: {@code sample} [1,h,w,4],
 * {@code t_emb} [1,C0] (the sinusoidal timestep embedding, made by the runner) and {@code context} [77,D].
 */
public final class UnetBuilder {
    public static final String SAMPLE = "sample";
    public static final String T_EMB = "t_emb";
    public static final String CONTEXT = "context";
    public static final String OUT = "out";

    private final UnetConfig cfg;
    private final int height;
    private final int width;
    private final int tokens;
    private final List<UnetBlock> blocks = new ArrayList<>();
    private final Map<String, int[]> shapes = new HashMap<>();

    public UnetBuilder(UnetConfig cfg, int latentHeight, int latentWidth, int tokens) {
        this.cfg = cfg;
        this.height = latentHeight;
        this.width = latentWidth;
        this.tokens = tokens;
        plan();
    }

    public List<UnetBlock> blocks() {
        return List.copyOf(blocks);
    }

    public int[] shape(String activation) {
        return shapes.get(activation).clone();
    }

    private void plan() {
        int c0 = cfg.blockOutChannels().get(0);
        int tdim = cfg.timeEmbeddingDim();
        shapes.put(SAMPLE, new int[] {1, height, width, cfg.inChannels()});
        shapes.put(T_EMB, new int[] {1, c0});
        shapes.put(CONTEXT, new int[] {tokens, cfg.crossAttentionDim()});

        add("stem.time_embedding", "stem", BlockKind.STEM, List.of(T_EMB), "temb", new int[] {1, tdim},
                (nn, in) -> nn.linear("time_embedding.linear_2", nn.silu(nn.linear("time_embedding.linear_1", in.get(0), tdim, true)), tdim, true));
        add("stem.conv_in", "stem", BlockKind.STEM, List.of(SAMPLE), "h", new int[] {1, height, width, c0},
                (nn, in) -> nn.conv("conv_in", in.get(0), c0, 3, 1, 1));
        Deque<String> skips = new ArrayDeque<>();
        skips.push("stem.conv_in");
        int h = height, w = width;
        for (int i = 0; i < cfg.levels(); i++) {
            String stage = "down." + i;
            String last = stageLayers(stage, "down_blocks." + i, h, w, skips, true);
            if (last != null) skips.push(last);
            if (i < cfg.levels() - 1) {
                int c = current(3);
                h /= 2;
                w /= 2;
                String prefix = "down_blocks." + i + ".downsamplers.0.conv";
                add(stage + ".downsample", stage, BlockKind.DOWNSAMPLE, List.of("h"), "h", new int[] {1, h, w, c},
                        (nn, in) -> nn.conv(prefix, in.get(0), c, 3, 2, 1));
                skips.push(stage + ".downsample");
            }
        }
        stageLayers("mid", "mid_block", h, w, skips, false);
        for (int i = 0; i < cfg.levels(); i++) {
            String stage = "up." + i;
            stageLayers(stage, "up_blocks." + i, h, w, skips, false);
            if (i < cfg.levels() - 1) {
                int c = current(3);
                h *= 2;
                w *= 2;
                int hh = h, ww = w;
                String prefix = "up_blocks." + i + ".upsamplers.0.conv";
                add(stage + ".upsample", stage, BlockKind.UPSAMPLE, List.of("h"), "h", new int[] {1, h, w, c},
                        (nn, in) -> nn.conv(prefix, nn.g.resizeNearest(in.get(0), hh, ww), c, 3, 1, 1));
            }
        }
        if (!skips.isEmpty()) throw new IllegalStateException("unconsumed skips " + skips + " (preset not validated?)");
        int groups = cfg.normNumGroups();
        double eps = cfg.normEps();
        int out = cfg.outChannels();
        add("stem.conv_out", "stem", BlockKind.STEM, List.of("h"), OUT, new int[] {1, height, width, out},
                (nn, in) -> nn.conv("conv_out", nn.silu(nn.groupNorm("conv_norm_out", in.get(0), groups, eps)), out, 3, 1, 1));
    }

    /** Plans one stage's layers; returns the id of its last block (the down path records it as a skip). */
    private String stageLayers(String stage, String prefix, int h, int w, Deque<String> skips, boolean down) {
        int oc = cfg.channels(stage);
        int ri = 0, ai = 0;
        String last = null;
        boolean up = stage.startsWith("up");
        for (String layer : cfg.layers(stage)) {
            if (layer.equals("resnet")) {
                if (down && last != null) skips.push(last);
                String id = stage + ".resnet." + ri;
                String p = prefix + ".resnets." + ri++;
                if (up) {
                    String skip = skips.pop();
                    int in = current(3) + shapes.get(skip)[3];
                    add(id, stage, BlockKind.RESNET, List.of("h", skip, "temb"), "h", new int[] {1, h, w, oc},
                            (nn, t) -> resnet(nn, p, nn.g.concat(3, t.get(0), t.get(1)), t.get(2), in, oc));
                } else {
                    int in = current(3);
                    add(id, stage, BlockKind.RESNET, List.of("h", "temb"), "h", new int[] {1, h, w, oc},
                            (nn, t) -> resnet(nn, p, t.get(0), t.get(1), in, oc));
                }
                last = id;
            } else {
                String id = stage + ".cross_attention." + ai;
                String p = prefix + ".attentions." + ai++;
                add(id, stage, BlockKind.CROSS_ATTENTION, List.of("h", CONTEXT), "h", new int[] {1, h, w, oc},
                        (nn, t) -> transformer(nn, p, t.get(0), t.get(1)));
                last = id;
            }
        }
        return last;
    }

    private int current(int axis) {
        return shapes.get("h")[axis];
    }

    private void add(String id, String stage, BlockKind kind, List<String> inputs, String output, int[] outShape,
                     UnetBlock.Emitter e) {
        List<int[]> inShapes = new ArrayList<>();
        for (String in : inputs) inShapes.add(shapes.get(in).clone());
        blocks.add(new UnetBlock(id, stage, kind, inputs, inShapes, output, e));
        shapes.put(output, outShape);
        shapes.put(id, outShape);
    }

    /** diffusers ResnetBlock2D (output_scale_factor 1, time_embedding_norm "default"). */
    private T resnet(Nn nn, String p, T x, T temb, int in, int out) {
        Graph g = nn.g;
        int groups = cfg.normNumGroups();
        double eps = cfg.normEps();
        T h = nn.conv(p + ".conv1", nn.silu(nn.groupNorm(p + ".norm1", x, groups, eps)), out, 3, 1, 1);
        T t = nn.linear(p + ".time_emb_proj", nn.silu(temb), out, true);
        h = g.add(h, g.reshape(t, 1, 1, 1, out));
        h = nn.conv(p + ".conv2", nn.silu(nn.groupNorm(p + ".norm2", h, groups, eps)), out, 3, 1, 1);
        T shortcut = in == out ? x : nn.conv(p + ".conv_shortcut", x, out, 1, 1, 0);
        return g.add(shortcut, h);
    }

    /** diffusers Transformer2DModel with one BasicTransformerBlock, use_linear_projection=false. */
    private T transformer(Nn nn, String p, T x, T context) {
        Graph g = nn.g;
        int h = x.dim(1), w = x.dim(2), c = x.dim(3);
        int heads = cfg.attentionHeads();
        T n = nn.conv(p + ".proj_in", nn.groupNorm(p + ".norm", x, cfg.normNumGroups(), 1e-6), c, 1, 1, 0);
        T s = g.reshape(n, h * w, c);
        String b = p + ".transformer_blocks.0";
        T n1 = nn.layerNorm(b + ".norm1", s, 1e-5);
        s = g.add(s, nn.attention(b + ".attn1", n1, n1, heads, "to_q", "to_k", "to_v", "to_out.0", false));
        s = g.add(s, nn.attention(b + ".attn2", nn.layerNorm(b + ".norm2", s, 1e-5), context, heads, "to_q", "to_k", "to_v",
                "to_out.0", false));
        T ffIn = nn.layerNorm(b + ".norm3", s, 1e-5);
        T proj = nn.linear(b + ".ff.net.0.proj", ffIn, 8 * c, true);     // GEGLU: [hidden | gate]
        T geglu = g.mul(g.slice(proj, 1, 0, 4 * c), nn.gelu(g.slice(proj, 1, 4 * c, 4 * c)));
        s = g.add(s, nn.linear(b + ".ff.net.2", geglu, c, true));
        T o = nn.conv(p + ".proj_out", g.reshape(s, 1, h, w, c), c, 1, 1, 0);
        return g.add(o, x);
    }

    /** The whole UNet as one graph (the model a user would ship). */
    public Graph buildWhole(String name, Checkpoint w, dev.snapfusion.bridge.tflite.WeightFormat fmt) {
        Graph g = new Graph(name).weightFormat(fmt);
        Nn nn = new Nn(g, w);
        Map<String, T> env = new HashMap<>();
        env.put(SAMPLE, g.input(SAMPLE, shapes.get(SAMPLE)));
        env.put(T_EMB, g.input(T_EMB, shapes.get(T_EMB)));
        env.put(CONTEXT, g.input(CONTEXT, shapes.get(CONTEXT)));
        for (UnetBlock b : blocks) {
            List<T> in = new ArrayList<>();
            for (String name2 : b.inputs()) in.add(env.get(name2));
            g.scope(b.id());   // quantization overrides and FLOPs per block
            T out = b.emitter().emit(nn, in);
            env.put(b.output(), out);
            env.put(b.id(), out);
        }
        g.output(OUT, env.get(OUT));
        return g;
    }

    /** One block as its own graph, inputs named and ordered as {@link UnetBlock#inputs()}. */
    public Graph buildBlock(UnetBlock b, Checkpoint w, dev.snapfusion.bridge.tflite.WeightFormat fmt) {
        Graph g = new Graph(b.id()).weightFormat(fmt);
        Nn nn = new Nn(g, w);
        List<T> in = new ArrayList<>();
        for (int i = 0; i < b.inputs().size(); i++) in.add(g.input(b.inputs().get(i), b.inputShapes().get(i)));
        g.output(b.output(), b.emitter().emit(nn, in));
        return g;
    }
}
