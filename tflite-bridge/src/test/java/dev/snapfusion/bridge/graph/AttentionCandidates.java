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
        if (filter.equals("cpu")) {
            cpuByThread();
            return;
        }
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
        if (filter.isEmpty() || "split".contains(filter)) split(rounds, a, refA);
        if (filter.isEmpty() || "block".contains(filter)) block(rounds, configs);
    }

    /**
     * Not a graph formulation: the runtime splitting the heads over two interpreters (4 heads each, 1 thread each,
     * XNNPACK on) invoked concurrently from two Java threads, against the 8-head graph with 2 threads. Shows what
     * using both cores for the builtin single-threaded GEMMs would give. Wall-clock ms of the pair.
     */
    static void split(int rounds, float[][] in, float[] ref) throws Exception {
        int hc = C / 2;
        Graph g = new Graph("half").weightFormat(WeightFormat.FP16);
        T q = g.input("q", N, hc), k = g.input("k", N, hc), v = g.input("v", N, hc);
        T p = g.softmax(g.batchMatMul(halfHeads(g, q), halfHeads(g, k), true));
        g.output("o", g.reshape(g.transpose(g.batchMatMul(p, halfHeads(g, v), false), 1, 0, 2), N, hc));
        File f = File.createTempFile("half", ".tflite");
        f.deleteOnExit();
        Files.write(f.toPath(), g.toFlatbuffer());
        Object[][] halves = new Object[2][3];
        for (int h = 0; h < 2; h++) {
            for (int t = 0; t < 3; t++) {
                float[] x = new float[N * hc];
                for (int i = 0; i < N; i++) System.arraycopy(in[t], i * C + h * hc, x, i * hc, hc);
                halves[h][t] = x;
            }
        }
        for (int r = 0; r < rounds; r++) {
            try (TfliteModel m0 = TfliteModel.load(f, 1, true); TfliteModel m1 = TfliteModel.load(f, 1, true)) {
                TfliteModel[] ms = {m0, m1};
                float[][] out = new float[2][];
                double[] t = new double[4];
                for (int i = 0; i < t.length; i++) {
                    long t0 = System.nanoTime();
                    Thread[] th = new Thread[2];
                    for (int h = 0; h < 2; h++) {
                        int hh = h;
                        th[h] = new Thread(() -> out[hh] = ms[hh].run(halves[hh])[0]);
                        th[h].start();
                    }
                    for (Thread x : th) x.join();
                    t[i] = (System.nanoTime() - t0) / 1e6;
                }
                double err = 0;
                for (int i = 0; i < N; i++) {
                    for (int c = 0; c < C; c++) err = Math.max(err, Math.abs(out[c / hc][i * hc + c % hc] - ref[i * C + c]));
                }
                double[] timed = Arrays.copyOfRange(t, 1, 4);
                Arrays.sort(timed);
                System.out.printf(Locale.ROOT, "%-36s %3s %4s %9.1f %7.1f %6s %10.2e%n", "bmm, 2 interpreters x 4 heads (wall)", "1+1", "on",
                        timed[1], 2 * g.flops() / (timed[1] * 1e6), load(), err);
            }
        }
    }

    /**
     * Which threads do the work, independent of the machine's load: CPU ticks each thread of this process gained
     * (from /proc/self/task/N/stat) over 3 invokes of single ops at the attention's shapes, 2 threads, XNNPACK on/off.
     */
    static void cpuByThread() throws Exception {
        Map<String, Core> ops = new LinkedHashMap<>();
        ops.put("BATCH_MATMUL q·kᵀ [8,4096,40]", (g, q, k, v) -> g.batchMatMul(heads(g, q), heads(g, k), true));
        ops.put("FULLY_CONNECTED dynamic, 1 head", (g, q, k, v) -> g.fullyConnected(head2(g, heads(g, q), 0), head2(g, heads(g, k), 0), null));
        ops.put("CONV_2D 1x1 dynamic, 1 head", (g, q, k, v) -> g.conv2d(g.reshape(g.slice(heads(g, q), 0, 0, 1), 1, 64, 64, D),
                g.reshape(g.slice(heads(g, k), 0, 0, 1), N, 1, 1, D), g.constant("z", new float[N], N), 1, 0));
        ops.put("SOFTMAX [1,4096,4096] (on q·kᵀ, 1 head)", (g, q, k, v) -> g.softmax(g.batchMatMul(g.slice(heads(g, q), 0, 0, 1),
                g.slice(heads(g, k), 0, 0, 1), true)));
        ops.put("CONV_2D 1x1 320->320 constant filter", (g, q, k, v) -> new Nn(g, new SyntheticCheckpoint(1)).conv("c", g.reshape(q, 1, 64, 64, C), C, 1, 1, 0));
        Random rnd = new Random(3);
        float[][] in = {gauss(rnd, N * C, 0.35), gauss(rnd, N * C, 1), gauss(rnd, N * C, 1)};
        for (Map.Entry<String, Core> e : ops.entrySet()) {
            Graph g = new Graph("op").weightFormat(WeightFormat.FP16);
            T q = g.input("q", N, C), k = g.input("k", N, C), v = g.input("v", N, C);
            g.output("o", e.getValue().build(g, q, k, v));
            g.output("v", g.add(v, g.scalar(0f)));   // every input used
            File f = File.createTempFile("oneop", ".tflite");
            f.deleteOnExit();
            Files.write(f.toPath(), g.toFlatbuffer());
            for (boolean xnn : new boolean[] {true, false}) {
                try (TfliteModel m = TfliteModel.load(f, 2, xnn)) {
                    m.run((Object[]) in);
                    Map<String, Long> before = ticksByThread();
                    double ms = 0;
                    for (int i = 0; i < 3; i++) {
                        m.run((Object[]) in);
                        ms += m.lastInvokeMs();
                    }
                    Map<String, Long> after = ticksByThread();
                    List<Long> busy = new ArrayList<>();
                    for (Map.Entry<String, Long> t : after.entrySet()) {
                        long d = t.getValue() - before.getOrDefault(t.getKey(), 0L);
                        if (d > 0) busy.add(d * 10);   // 100 ticks per second
                    }
                    busy.sort(java.util.Comparator.reverseOrder());
                    System.out.printf(Locale.ROOT, "%-40s xnn %-3s 3 invokes %8.1f ms; CPU ms by thread %s; load %s%n", e.getKey(),
                            xnn ? "on" : "off", ms, busy.subList(0, Math.min(4, busy.size())), load());
                }
            }
        }
    }

    static Map<String, Long> ticksByThread() throws java.io.IOException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (var s = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : s.toList()) {
                try {
                    String st = Files.readString(t.resolve("stat"));
                    String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
                    m.put(t.getFileName().toString(), Long.parseLong(f[11]) + Long.parseLong(f[12]));   // utime + stime
                } catch (java.io.IOException gone) {
                    // the thread ended between list and read
                }
            }
        }
        return m;
    }

    /** [N, C/2] → [H/2, N, D]. */
    static T halfHeads(Graph g, T x) {
        return g.transpose(g.reshape(x, N, H / 2, D), 1, 0, 2);
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
