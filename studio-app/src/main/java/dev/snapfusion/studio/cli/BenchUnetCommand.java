package dev.snapfusion.studio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.arch.UnetConfig;
import dev.snapfusion.bridge.graph.UnetBlock;
import dev.snapfusion.bridge.graph.UnetBuilder;
import dev.snapfusion.bridge.source.SyntheticCheckpoint;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.T;
import dev.snapfusion.bridge.tflite.WeightFormat;
import dev.snapfusion.runner.Median;
import dev.snapfusion.runner.bundle.BlockKind;
import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.TfliteModel;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code studio bench unet}: one full-size UNet evaluation (synthetic weights, 64×64 latent, batch 1) on this machine's
 * TFLite, next to a plain FULLY_CONNECTED GEMM of similar size in the same run, so the UNet's achieved GFLOP/s can be
 * judged against what the same runtime reaches on its best-case op. Also times the other preset for the
 * SnapFusion/SD-v1.5 latency ratio next to their FLOP ratio.
 *
 * <p>The UNet is built and run block by block (each block its own fp16 graph, the runner's blockwise mode), because a
 * whole SD-v1.5 graph is a 1.7 GB flatbuffer that takes minutes and gigabytes to write and load here; the runner's
 * blockwise_sum_over_whole shows how close a block sum is to the whole graph. Each block: one warm-up invoke, then
 * the median of {@code --repeats} invokes of TFLite's native inference time.
 */
@Command(name = "unet", description = "One full-size UNet step vs a plain TFLite GEMM on this machine; prints GFLOP/s, "
        + "efficiency and the SnapFusion/SD-v1.5 latency and FLOP ratios.")
final class BenchUnetCommand implements Callable<Integer> {
    static final int LATENT = 64;
    static final int TOKENS = 77;
    /** GEMM [4096 × 1280] · [1280 × 1280]: the rows of a 64×64 latent at SD's widest common width, 13.4 GFLOP. */
    static final int GEMM_M = LATENT * LATENT, GEMM_K = 1280, GEMM_N = 1280;

    @Option(names = "--preset", defaultValue = "snapfusion", description = "snapfusion or sd15 (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--size", defaultValue = "full", description = "full (64×64 latent, real channel widths) or demo.")
    String size;

    @Option(names = "--quant", defaultValue = "fp16", description = "fp16 or fp32 weights (default: ${DEFAULT-VALUE}).")
    String quant;

    @Option(names = "--threads", defaultValue = "2", description = "TFLite threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed invokes per block after one warm-up (median).")
    int repeats;

    @Option(names = "--xnnpack", defaultValue = "on", description = "on or off: the XNNPACK delegate for the UNet blocks and "
            + "the GEMM alike (default: ${DEFAULT-VALUE}; off runs TFLite's builtin kernels).")
    String xnnpack;

    @Option(names = "--json", description = "Print one JSON object {unet_gflops, gemm_gflops, efficiency, latency_ratio, flop_ratio, "
            + "xnnpack, sd15_cross_attention_64_share, runtime, runtime_version}.")
    boolean json;

    private Backend backend;

    @Override
    public Integer call() throws IOException {
        String main = preset.toLowerCase(Locale.ROOT);
        if (!main.equals("snapfusion") && !main.equals("sd15")) {
            throw new IllegalArgumentException("--preset " + preset + ": use snapfusion or sd15");
        }
        String sz = size.toLowerCase(Locale.ROOT);
        if (!sz.equals("full") && !sz.equals("demo")) throw new IllegalArgumentException("--size " + size + ": use full or demo");
        WeightFormat fmt;
        switch (quant.toLowerCase(Locale.ROOT)) {
            case "fp16": fmt = WeightFormat.FP16; break;
            case "fp32": fmt = WeightFormat.FP32; break;
            default: throw new IllegalArgumentException("--quant " + quant + ": the benchmark runs fp16 or fp32");
        }
        if (threads < 1 || repeats < 1) throw new IllegalArgumentException("--threads and --repeats must be at least 1");
        switch (xnnpack.toLowerCase(Locale.ROOT)) {
            case "on": backend = Backend.XNNPACK; break;
            case "off": backend = Backend.CPU; break;
            default: throw new IllegalArgumentException("--xnnpack " + xnnpack + ": use on or off");
        }
        PrintStream log = System.err;
        Path tmp = Files.createTempDirectory("snapfusion-bench-");
        try {
            Measured gemm = gemm(tmp, fmt);
            log.printf(Locale.ROOT, "gemm %dx%dx%d: %.2f ms, %.1f GFLOP/s%n", GEMM_M, GEMM_K, GEMM_N, gemm.ms, gemm.gflops());
            String other = main.equals("snapfusion") ? "sd15" : "snapfusion";
            Measured a = unet(main, sz, fmt, tmp, log);
            Measured b = unet(other, sz, fmt, tmp, log);
            Measured sf = main.equals("snapfusion") ? a : b;
            Measured sd = main.equals("snapfusion") ? b : a;
            double efficiency = a.gflops() / gemm.gflops();
            double latencyRatio = sf.ms / sd.ms;
            double flopRatio = (double) sf.flops / sd.flops;
            double attn64Share = sd.share(BlockKind.CROSS_ATTENTION, LATENT);
            if (json) {
                ObjectNode n = new ObjectMapper().createObjectNode();
                n.put("unet_gflops", a.gflops());
                n.put("gemm_gflops", gemm.gflops());
                n.put("efficiency", efficiency);
                n.put("latency_ratio", latencyRatio);
                n.put("flop_ratio", flopRatio);
                n.put("xnnpack", backend == Backend.XNNPACK);
                n.put("sd15_cross_attention_64_share", attn64Share);
                n.put("runtime", TfliteRuntime.current().describe());
                n.put("runtime_version", TfliteRuntime.current().version());
                System.out.println(n);
            } else {
                System.out.printf(Locale.ROOT, "UNet %s (%s, %s, %d threads, XNNPACK %s, %s): %.1f ms per evaluation, %.1f GFLOP -> %.1f GFLOP/s%n",
                        main, sz, quant, threads, backend == Backend.XNNPACK ? "on" : "off", TfliteRuntime.current().describe(),
                        a.ms, a.flops / 1e9, a.gflops());
                System.out.printf(Locale.ROOT, "GEMM %dx%dx%d (FULLY_CONNECTED, %s weights): %.1f GFLOP/s%n", GEMM_M, GEMM_K,
                        GEMM_N, quant, gemm.gflops());
                System.out.printf(Locale.ROOT, "efficiency (UNet / GEMM): %.2f (goal >= 0.5)%n", efficiency);
                System.out.printf(Locale.ROOT, "SnapFusion / SD-v1.5: latency %.3f, FLOPs %.3f (goal: within 10%%: %s)%n",
                        latencyRatio, flopRatio, Math.abs(latencyRatio / flopRatio - 1) <= 0.10 ? "yes" : "no");
                if (sz.equals("full")) {
                    System.out.printf(Locale.ROOT, "SD-v1.5 64x64 cross-attention blocks: %.1f%% of its latency for %.1f%% of its FLOPs%n",
                            100 * attn64Share, 100 * sd.flopShare(BlockKind.CROSS_ATTENTION, LATENT));
                }
                for (Measured m : List.of(sf, sd)) {
                    System.out.printf(Locale.ROOT, "%s by block kind and resolution:%n", m == sf ? "SnapFusion" : "SD-v1.5");
                    for (Map.Entry<String, Part> e : m.parts.entrySet()) {
                        Part p = e.getValue();
                        System.out.printf(Locale.ROOT, "  %-26s %2d blocks %9.1f ms (%4.1f%%) %7.1f GFLOP %6.1f GFLOP/s%n", e.getKey(), p.blocks,
                                p.ms, 100 * p.ms / m.ms, p.flops / 1e9, p.flops / (p.ms * 1e6));
                    }
                }
            }
            return 0;
        } finally {
            try (var s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Time and FLOPs of one measured thing; for a UNet also by block kind and resolution ("cross_attention 64x64"). */
    record Measured(double ms, long flops, Map<String, Part> parts) {
        Measured(double ms, long flops) {
            this(ms, flops, Map.of());
        }

        double gflops() {
            return flops / (ms * 1e6);
        }

        /** Share of this UNet's latency spent in blocks of {@code kind} at {@code hw}×{@code hw}. */
        double share(BlockKind kind, int hw) {
            Part p = parts.get(partKey(kind, hw, hw));
            return p == null ? 0 : p.ms / ms;
        }

        double flopShare(BlockKind kind, int hw) {
            Part p = parts.get(partKey(kind, hw, hw));
            return p == null ? 0 : (double) p.flops / flops;
        }
    }

    /** Summed medians, FLOPs and count of the blocks of one kind at one resolution. */
    static final class Part {
        double ms;
        long flops;
        int blocks;
    }

    static String partKey(BlockKind kind, int h, int w) {
        return kind.wireName() + " " + h + "x" + w;
    }

    /** A block's resolution is that of its first (NHWC) input; the time embedding has none. */
    static String partKey(UnetBlock b) {
        int[] s = b.inputShapes().get(0);
        return s.length == 4 ? partKey(b.kind(), s[1], s[2]) : b.kind().wireName();
    }

    /** The UNet config of a variant: the full-size preset in assets (sd15.json, snapfusion.json) or the tiny demo one. */
    static UnetConfig config(String variant, String size) {
        return size.equals("demo") ? Presets.builtIn("demo:" + variant).unet() : Presets.named(variant).unet();
    }

    private Measured unet(String variant, String size, WeightFormat fmt, Path tmp, PrintStream log) throws IOException {
        UnetConfig cfg = config(variant, size);
        int hw = size.equals("demo") ? Presets.builtIn("demo:" + variant).latentHeight() : LATENT;
        UnetBuilder builder = new UnetBuilder(cfg, hw, hw, TOKENS);
        SyntheticCheckpoint weights = new SyntheticCheckpoint(1);
        double total = 0;
        long flops = 0;
        Map<String, Part> parts = new LinkedHashMap<>();
        Random rnd = new Random(7);
        int i = 0;
        for (UnetBlock b : builder.blocks()) {
            Graph g = builder.buildBlock(b, weights, fmt);
            Path f = tmp.resolve(variant + "-" + (i++) + ".tflite");
            Files.write(f, g.toFlatbuffer());
            Object[] in = new Object[b.inputShapes().size()];
            for (int k = 0; k < in.length; k++) {
                float[] v = new float[Arrays.stream(b.inputShapes().get(k)).reduce(1, (x, y) -> x * y)];
                for (int j = 0; j < v.length; j++) v[j] = (float) rnd.nextGaussian();
                in[k] = v;
            }
            double ms;
            try (TfliteModel m = TfliteModel.load(f.toFile(), threads, backend)) {
                ms = medianInvoke(m, in);
            }
            Files.delete(f);
            total += ms;
            flops += g.flops();
            Part part = parts.computeIfAbsent(partKey(b), k -> new Part());
            part.ms += ms;
            part.flops += g.flops();
            part.blocks++;
            log.printf(Locale.ROOT, "  %s %-28s %8.2f ms %7.2f GFLOP%n", variant, b.id(), ms, g.flops() / 1e9);
        }
        log.printf(Locale.ROOT, "%s UNet: %.1f ms, %.1f GFLOP, %d blocks%n", variant, total, flops / 1e9, builder.blocks().size());
        return new Measured(total, flops, parts);
    }

    private Measured gemm(Path tmp, WeightFormat fmt) throws IOException {
        Graph g = new Graph("gemm").weightFormat(fmt);
        T x = g.input("x", GEMM_M, GEMM_K);
        Random rnd = new Random(3);
        float[] w = new float[GEMM_N * GEMM_K];
        for (int i = 0; i < w.length; i++) w[i] = (float) (rnd.nextGaussian() * 0.02);
        float[] bias = new float[GEMM_N];
        g.output("y", g.fullyConnected(x, g.weight("w", w, GEMM_N, GEMM_K), g.weight("b", bias, GEMM_N)));
        Path f = tmp.resolve("gemm.tflite");
        Files.write(f, g.toFlatbuffer());
        float[] in = new float[GEMM_M * GEMM_K];
        for (int i = 0; i < in.length; i++) in[i] = (float) rnd.nextGaussian();
        try (TfliteModel m = TfliteModel.load(f.toFile(), threads, backend)) {
            return new Measured(medianInvoke(m, new Object[] {in}), g.flops());
        }
    }

    /** One warm-up invoke, then the median native inference time of {@code repeats} invokes. */
    private double medianInvoke(TfliteModel m, Object[] in) {
        m.run(in);
        double[] t = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            m.run(in);
            t[r] = m.lastInvokeMs();
        }
        return Median.of(t);
    }
}
