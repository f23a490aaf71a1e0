package dev.snapfusion.bridge.graph;

import dev.snapfusion.bridge.source.SyntheticCheckpoint;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.T;
import dev.snapfusion.bridge.tflite.WeightFormat;
import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.TfliteModel;
import java.io.File;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Developer tool, not a test: times single composites (GroupNorm, attention, resnet...) at full-size shapes,
 * each as its own fp16 graph on TFLite with XNNPACK, to see what dominates a UNet block. Prints medians.
 * Run: java -cp test-classes:classes:deps dev.snapfusion.bridge.graph.OpProfile [threads] [repeats] [filter]
 */
public final class OpProfile {
    private OpProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("attn")) {
            AttentionCandidates.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String filter = args.length > 2 ? args[2] : "";
        SyntheticCheckpoint w = new SyntheticCheckpoint(1);
        int hw = 64, c = 320, heads = 8;
        run("bmm qkT 8x4096x40", filter, threads, repeats, w, new int[][] {{8, hw * hw, 40}, {8, hw * hw, 40}}, (nn, x) -> nn.g.batchMatMul(x[0], x[1], true));
        run("bmm pv 8x4096x4096x40", filter, threads, repeats, w, new int[][] {{8, hw * hw, hw * hw}, {8, hw * hw, 40}}, (nn, x) -> nn.g.batchMatMul(x[0], x[1], false));
        run("softmax 8x4096x4096", filter, threads, repeats, w, new int[][] {{8, hw * hw, hw * hw}}, (nn, x) -> nn.g.softmax(x[0]));
        run("transpose 4096x8x40", filter, threads, repeats, w, new int[][] {{hw * hw, 8, 40}}, (nn, x) -> nn.g.transpose(x[0], 1, 0, 2));
        run("fcdyn qkT 4096x40x4096", filter, threads, repeats, w, new int[][] {{hw * hw, 40}, {hw * hw, 40}}, (nn, x) -> nn.g.fullyConnected(x[0], x[1], null));
        run("fcdyn pv 4096x4096x40", filter, threads, repeats, w, new int[][] {{hw * hw, hw * hw}, {40, hw * hw}}, (nn, x) -> nn.g.fullyConnected(x[0], x[1], null));
        run("bmm1 qkT 1x4096x40", filter, threads, repeats, w, new int[][] {{1, hw * hw, 40}, {1, hw * hw, 40}}, (nn, x) -> nn.g.batchMatMul(x[0], x[1], true));
        run("conv3x3 64x64 320", filter, threads, repeats, w, new int[][] {{1, hw, hw, c}}, (nn, x) -> nn.conv("c", x[0], c, 3, 1, 1));
        for (String v : new String[] {"snapfusion", "sd15"}) {
            dev.snapfusion.bridge.arch.PipelinePreset p = dev.snapfusion.bridge.arch.Presets.builtIn("demo:" + v);
            if (!("vae demo " + v).contains(filter)) continue;
            Graph g = new VaeDecoderBuilder(p.vaeDecoder()).build("vae", w, p.latentHeight(), p.latentWidth(), WeightFormat.FP16);
            time("vae demo " + v, g, new int[][] {{1, p.latentHeight(), p.latentWidth(), 4}}, threads, repeats);
        }
        run("old groupnorm 64x64 320", filter, threads, repeats, w, new int[][] {{1, hw, hw, c}}, (nn, x) -> oldGroupNorm(nn, w, "n", x[0], 32, 1e-5));
        run("old gelu 4096x1280", filter, threads, repeats, w, new int[][] {{hw * hw, 4 * c}}, (nn, x) -> oldGelu(nn.g, x[0]));
        run("old selfattn 4096x320 h8", filter, threads, repeats, w, new int[][] {{hw * hw, c}},
                (nn, x) -> oldAttention(nn, "a", x[0], x[0], heads, "to_q", "to_k", "to_v", "to_out.0", false));
        run("old vae attn 64x64 512 h1", filter, threads, repeats, w, new int[][] {{hw * hw, 512}},
                (nn, x) -> oldAttention(nn, "a", x[0], x[0], 1, "to_q", "to_k", "to_v", "to_out.0", true));
        run("old groupnorm 256x256 128", filter, threads, repeats, w, new int[][] {{1, 256, 256, 128}}, (nn, x) -> oldGroupNorm(nn, w, "n", x[0], 32, 1e-6));
        run("groupnorm 256x256 128", filter, threads, repeats, w, new int[][] {{1, 256, 256, 128}}, (nn, x) -> nn.groupNorm("n", x[0], 32, 1e-6));
        run("groupnorm 64x64 320", filter, threads, repeats, w, new int[][] {{1, hw, hw, c}}, (nn, x) -> nn.groupNorm("n", x[0], 32, 1e-5));
        run("silu 64x64 320", filter, threads, repeats, w, new int[][] {{1, hw, hw, c}}, (nn, x) -> nn.silu(x[0]));
        run("layernorm 4096x320", filter, threads, repeats, w, new int[][] {{hw * hw, c}}, (nn, x) -> nn.layerNorm("n", x[0], 1e-5));
        run("gelu 4096x1280", filter, threads, repeats, w, new int[][] {{hw * hw, 4 * c}}, (nn, x) -> nn.gelu(x[0]));
        run("selfattn 4096x320 h8", filter, threads, repeats, w, new int[][] {{hw * hw, c}},
                (nn, x) -> nn.attention("a", x[0], x[0], heads, "to_q", "to_k", "to_v", "to_out.0", false));
        run("crossattn 4096x320 ctx77x768 h8", filter, threads, repeats, w, new int[][] {{hw * hw, c}, {77, 768}},
                (nn, x) -> nn.attention("a", x[0], x[1], heads, "to_q", "to_k", "to_v", "to_out.0", false));
        run("vae attn 64x64 512 h1", filter, threads, repeats, w, new int[][] {{hw * hw, 512}},
                (nn, x) -> nn.attention("a", x[0], x[0], 1, "to_q", "to_k", "to_v", "to_out.0", true));
        for (String s : new String[] {"down.0.resnet.0", "down.0.cross_attention.0", "up.3.resnet.0", "up.3.cross_attention.0",
                "down.1.cross_attention.0", "mid.cross_attention.0"}) {
            UnetBuilder b = new UnetBuilder(new dev.snapfusion.bridge.arch.UnetConfig(4, 4, java.util.List.of(320, 640, 1280, 1280), 32, 1e-5, 8, 768,
                    dev.snapfusion.bridge.arch.Presets.builtIn("demo:sd15").unet().stages()), 64, 64, 77);
            for (UnetBlock blk : b.blocks()) {
                if (!blk.id().equals(s) || !("block " + s).contains(filter)) continue;
                Graph g = b.buildBlock(blk, w, WeightFormat.FP16);
                time("block " + s, g, blk.inputShapes().toArray(new int[0][]), threads, repeats);
            }
        }
    }

    private static void run(String label, String filter, int threads, int repeats, SyntheticCheckpoint w, int[][] shapes,
                            BiFunction<Nn, T[], T> f) throws Exception {
        if (!label.contains(filter)) return;
        Graph g = new Graph("p").weightFormat(WeightFormat.FP16);
        Nn nn = new Nn(g, w);
        T[] in = new T[shapes.length];
        for (int i = 0; i < shapes.length; i++) in[i] = g.input("x" + i, shapes[i]);
        g.output("y", f.apply(nn, in));
        time(label, g, shapes, threads, repeats);
    }

    private static void time(String label, Graph g, int[][] shapes, int threads, int repeats) throws Exception {
        File f = File.createTempFile("opprof", ".tflite");
        Files.write(f.toPath(), g.toFlatbuffer());
        Random rnd = new Random(5);
        Object[] in = new Object[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            float[] v = new float[Arrays.stream(shapes[i]).reduce(1, (a, b) -> a * b)];
            for (int j = 0; j < v.length; j++) v[j] = (float) rnd.nextGaussian();
            in[i] = v;
        }
        try (TfliteModel m = TfliteModel.load(f, threads, Backend.XNNPACK)) {
            m.run(in);
            double[] t = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                m.run(in);
                t[r] = m.lastInvokeMs();
            }
            double ms = dev.snapfusion.runner.Median.of(t);
            System.out.printf(Locale.ROOT, "%-34s %9.2f ms  %7.3f GFLOP  %6.1f GFLOP/s  ops %s%n", label, ms, g.flops() / 1e9,
                    g.flops() / (ms * 1e6), g.opsByType());
        } finally {
            f.delete();
        }
    }

    // ---- the composites as they were before the XNNPACK rewrite (for side-by-side timing) ----------------

    static T oldGroupNorm(Nn nn, SyntheticCheckpoint w, String prefix, T x, int groups, double eps) {
        Graph g = nn.g;
        int h = x.dim(1), wd = x.dim(2), c = x.dim(3);
        T r = g.reshape(x, 1, h * wd, groups, c / groups);
        T mean = g.mean(r, 1, 3);
        T var = g.mean(g.squaredDifference(r, mean), 1, 3);
        T norm = g.mul(g.sub(r, mean), g.rsqrt(g.add(var, g.scalar((float) eps))));
        T back = g.reshape(norm, 1, h, wd, c);
        T gamma = g.weight(prefix + ".weight", w.tensor(prefix + ".weight", c), c);
        T beta = g.weight(prefix + ".bias", w.tensor(prefix + ".bias", c), c);
        return g.add(g.mul(back, gamma), beta);
    }

    static T oldGelu(Graph g, T x) {
        T cube = g.mul(g.mul(x, x), x);
        T inner = g.mul(g.add(x, g.mul(cube, g.scalar(0.044715f))), g.scalar((float) Math.sqrt(2 / Math.PI)));
        return g.mul(g.mul(x, g.scalar(0.5f)), g.add(g.tanh(inner), g.scalar(1f)));
    }

    static T oldAttention(Nn nn, String prefix, T x, T kv, int heads, String q, String k, String v, String out, boolean qkvBias) {
        Graph g = nn.g;
        int n = x.dim(0), c = x.dim(1), d = c / heads;
        T qh = oldSplit(g, g.mul(nn.linear(prefix + "." + q, x, c, qkvBias), g.scalar((float) (1 / Math.sqrt(d)))), heads);
        T kh = oldSplit(g, nn.linear(prefix + "." + k, kv, c, qkvBias), heads);
        T vh = oldSplit(g, nn.linear(prefix + "." + v, kv, c, qkvBias), heads);
        T p = g.softmax(g.batchMatMul(qh, kh, true));
        T o = g.batchMatMul(p, vh, false);
        return nn.linear(prefix + "." + out, g.reshape(g.transpose(o, 1, 0, 2), n, c), c, true);
    }

    private static T oldSplit(Graph g, T x, int heads) {
        int n = x.dim(0), c = x.dim(1);
        return g.transpose(g.reshape(x, n, heads, c / heads), 1, 0, 2);
    }
}
