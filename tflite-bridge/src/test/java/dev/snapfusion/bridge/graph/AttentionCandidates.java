package dev.snapfusion.bridge.graph;

import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.arch.UnetConfig;
import dev.snapfusion.bridge.source.SyntheticCheckpoint;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.T;
import dev.snapfusion.bridge.tflite.WeightFormat;
import dev.snapfusion.runner.tflite.TfliteModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Developer tool ({@code OpProfile attn [rounds] [filter]}), not a test: graph formulations of the 64×64 self-attention
 * core (q, k, v [4096, 320] with q pre-scaled → merged heads [4096, 320], 8 heads of 40), each timed with 1 and 2
 * threads, XNNPACK on and off, candidates alternated within each round because the machine is shared. Each
 * measurement: load, one invoke on input set A, one on set B (both checked against the current form's outputs, so a
 * kernel that caches a "constant" operand across invokes shows up as wrong), then the median of 3 timed invokes.
 */
final class AttentionCandidates {
    static final int N = 4096, C = 320, H = 8, D = 40;

    private AttentionCandidates() {
    }

    interface Core {
        T build(Graph g, T q, T k, T v);
    }

    static Map<String, Core> candidates() {
        Map<String, Core> m = new LinkedHashMap<>();
        m.put("bmm (current)", (g, q, k, v) -> {
            T p = g.softmax(g.batchMatMul(heads(g, q), heads(g, k), true));
            return merge(g, g.batchMatMul(p, heads(g, v), false));
        });
        m.put("bmm, v pre-transposed (adjY)", (g, q, k, v) -> {
            T p = g.softmax(g.batchMatMul(heads(g, q), heads(g, k), true));
            return merge(g, g.batchMatMul(p, headsT(g, v), true));
        });
        m.put("bmm, k pre-transposed (no adjY)", (g, q, k, v) -> {
            T p = g.softmax(g.batchMatMul(heads(g, q), headsT(g, k), false));
            return merge(g, g.batchMatMul(p, heads(g, v), false));
        });
        for (int cs : new int[] {256, 1024}) {
            m.put("bmm, query chunks of " + cs, (g, q, k, v) -> {
                T qh = heads(g, q), kh = heads(g, k), vh = heads(g, v);
                List<T> outs = new ArrayList<>();
                for (int s = 0; s < N; s += cs) {
                    T p = g.softmax(g.batchMatMul(g.slice(qh, 1, s, cs), kh, true));
                    outs.add(g.batchMatMul(p, vh, false));
                }
                return merge(g, g.concat(1, outs.toArray(new T[0])));
            });
        }
        m.put("fc per head (dynamic weights)", (g, q, k, v) -> {
            T qh = heads(g, q), kh = heads(g, k), vt = headsT(g, v);
            T[] o = new T[H];
            for (int h = 0; h < H; h++) {
                T p = g.softmax(g.fullyConnected(head2(g, qh, h), head2(g, kh, h), null));
                o[h] = g.fullyConnected(p, head2(g, vt, h), null);   // [N, D]
            }
            return g.concat(1, o);
        });
        m.put("conv1x1 per head (dynamic filter)", (g, q, k, v) -> {
            T qh = heads(g, q), kh = heads(g, k), vt = headsT(g, v);
            T zn = g.constant("zn", new float[N], N), zd = g.constant("zd", new float[D], D);
            T[] o = new T[H];
            for (int h = 0; h < H; h++) {
                T s = g.conv2d(g.reshape(g.slice(qh, 0, h, 1), 1, 64, 64, D), g.reshape(g.slice(kh, 0, h, 1), N, 1, 1, D), zn, 1, 0);
                T p = g.softmax(s);
                T oh = g.conv2d(p, g.reshape(g.slice(vt, 0, h, 1), D, 1, 1, N), zd, 1, 0);   // [1,64,64,D]
                o[h] = g.reshape(oh, N, D);
            }
            return g.concat(1, o);
        });
        m.put("depthwise per head (dynamic filter)", (g, q, k, v) -> {
            T qh = heads(g, q), kt = headsT(g, k), vh = heads(g, v);
            T zn = g.constant("zn", new float[N], N), zd = g.constant("zd", new float[D], D);
            T[] o = new T[H];
            for (int h = 0; h < H; h++) {
                // scores[i, j] = Σ_t q[i, t]·k[j, t]: input rows i, window over t (stride D), multiplier j.
                T s = g.depthwiseConv2d(g.reshape(g.slice(qh, 0, h, 1), 1, N, D, 1), g.reshape(g.slice(kt, 0, h, 1), 1, 1, D, N), zn, 1, D, N);
                T p = g.softmax(s);                                                               // [1, N, 1, N]
                T oh = g.depthwiseConv2d(g.reshape(p, 1, N, N, 1), g.reshape(g.slice(vh, 0, h, 1), 1, 1, N, D), zd, 1, N, D);
                o[h] = g.reshape(oh, N, D);
            }
            return g.concat(1, o);
        });
        return m;
    }

    /** [N, C] → [H, N, D]. */
    static T heads(Graph g, T x) {
        return g.transpose(g.reshape(x, N, H, D), 1, 0, 2);
    }

    /** [N, C] → [H, D, N]. */
    static T headsT(Graph g, T x) {
        return g.transpose(g.reshape(x, N, H, D), 1, 2, 0);
    }

    /** Head h of [H, a, b] as [a, b]. */
    static T head2(Graph g, T x, int h) {
        return g.reshape(g.slice(x, 0, h, 1), x.dim(1), x.dim(2));
    }

    /** [H, N, D] → [N, C]. */
    static T merge(Graph g, T o) {
        return g.reshape(g.transpose(o, 1, 0, 2), N, C);
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        String filter = args.length > 1 ? args[1] : "";
        String configs = args.length > 2 ? args[2] : "2on,2off,1on";
        Random rnd = new Random(11);
        float[][] a = {gauss(rnd, N * C, 0.35), gauss(rnd, N * C, 1), gauss(rnd, N * C, 1)};
        float[][] b = {gauss(rnd, N * C, 0.35), gauss(rnd, N * C, 1), gauss(rnd, N * C, 1)};
        Map<String, File> files = new LinkedHashMap<>();
        Map<String, Long> flops = new LinkedHashMap<>();
        for (Map.Entry<String, Core> e : candidates().entrySet()) {
            if (!e.getKey().contains(filter) && !e.getKey().startsWith("bmm (current)")) continue;
            Graph g = new Graph("attn").weightFormat(WeightFormat.FP16);
            T q = g.input("q", N, C), k = g.input("k", N, C), v = g.input("v", N, C);
            g.output("o", e.getValue().build(g, q, k, v));
            File f = File.createTempFile("attn", ".tflite");
            f.deleteOnExit();
            Files.write(f.toPath(), g.toFlatbuffer());
            files.put(e.getKey(), f);
            flops.put(e.getKey(), g.flops());
            System.out.printf(Locale.ROOT, "%-36s ops %s%n", e.getKey(), g.opsByType());
        }
        float[] refA, refB;
        try (TfliteModel m = TfliteModel.load(files.get("bmm (current)"), 1, false)) {
            refA = m.run((Object[]) a)[0];
            refB = m.run((Object[]) b)[0];
        }
        System.out.printf(Locale.ROOT, "%-36s %3s %4s %9s %7s %6s %10s%n", "variant", "thr", "xnn", "ms", "GFLOP/s", "load", "max|err|");
        for (int r = 0; r < rounds; r++) {
            for (String cfg : configs.split(",")) {
                int threads = Integer.parseInt(cfg.substring(0, 1));
                boolean xnn = cfg.endsWith("on");
                for (Map.Entry<String, File> e : files.entrySet()) {
                    try (TfliteModel m = TfliteModel.load(e.getValue(), threads, xnn)) {
                        double err = Math.max(maxErr(m.run((Object[]) a)[0], refA), maxErr(m.run((Object[]) b)[0], refB));
                        double[] t = new double[3];
                        for (int i = 0; i < t.length; i++) {
                            m.run((Object[]) (i % 2 == 0 ? a : b));
                            t[i] = m.lastInvokeMs();
                        }
                        Arrays.sort(t);
                        System.out.printf(Locale.ROOT, "%-36s %3d %4s %9.1f %7.1f %6s %10.2e%n", e.getKey(), threads, xnn ? "on" : "off", t[1],
                                flops.get(e.getKey()) / (t[1] * 1e6), load(), err);
                    }
                }
            }
        }
        if (filter.isEmpty() || "block".contains(filter)) block(rounds, configs);
    }

    /** The whole SD-v1.5 down.0.cross_attention.0 block (38.7 GFLOP), same configs. */
    static void block(int rounds, String configs) throws Exception {
        UnetConfig cfg = Presets.named("sd15").unet();
        UnetBuilder b = new UnetBuilder(cfg, 64, 64, 77);
        UnetBlock blk = b.blocks().stream().filter(x -> x.id().equals("down.0.cross_attention.0")).findFirst().orElseThrow();
        Graph g = b.buildBlock(blk, new SyntheticCheckpoint(1), WeightFormat.FP16);
        Path f = Files.createTempFile("block", ".tflite");
        Files.write(f, g.toFlatbuffer());
        Random rnd = new Random(5);
        Object[] in = new Object[blk.inputShapes().size()];
        for (int i = 0; i < in.length; i++) in[i] = gauss(rnd, Arrays.stream(blk.inputShapes().get(i)).reduce(1, (x, y) -> x * y), 1);
        for (int r = 0; r < rounds; r++) {
            for (String c : configs.split(",")) {
                int threads = Integer.parseInt(c.substring(0, 1));
                boolean xnn = c.endsWith("on");
                try (TfliteModel m = TfliteModel.load(f.toFile(), threads, xnn)) {
                    m.run(in);
                    double[] t = new double[3];
                    for (int i = 0; i < t.length; i++) {
                        m.run(in);
                        t[i] = m.lastInvokeMs();
                    }
                    Arrays.sort(t);
                    System.out.printf(Locale.ROOT, "%-36s %3d %4s %9.1f %7.1f %6s%n", "block down.0.cross_attention.0", threads, xnn ? "on" : "off",
                            t[1], g.flops() / (t[1] * 1e6), load());
                }
            }
        }
        Files.delete(f);
    }

    static float[] gauss(Random rnd, int n, double sd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rnd.nextGaussian() * sd);
        return v;
    }

    static double maxErr(float[] x, float[] ref) {
        double e = 0;
        for (int i = 0; i < x.length; i++) e = Math.max(e, Math.abs(x[i] - ref[i]));
        return e;
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
