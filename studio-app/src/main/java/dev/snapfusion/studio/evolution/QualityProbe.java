package dev.snapfusion.studio.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.noise.Npy;
import dev.snapfusion.runner.pipeline.Pipeline;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import dev.snapfusion.studio.common.StudioError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Measures quality with blocks skipped by running the device runner's {@link Pipeline} in-process on the desktop
 * (request {@code skip_blocks}), on a fixed set of prompts × seeds, against the full model's outputs. Results are
 * cached in the workspace under {@code evolve/importance/<bundle id>-<hash of prompts, seeds, steps, cfg>/}, so a
 * second explorer run on the same bundle and probe set measures nothing again. Not thread-safe.
 */
public final class QualityProbe implements QualityFunction {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path bundleDir;
    private final List<String> prompts;
    private final List<Long> seeds;
    private final int steps;
    private final double cfg;
    private final Path cacheDir;
    private final TfliteRuntime runtime;
    private final ObjectNode cache;
    private int runs;

    public QualityProbe(Path bundleDir, BundleManifest m, List<String> prompts, List<Long> seeds, int steps, double cfg,
                        Path workspaceRoot, TfliteRuntime runtime) {
        if (prompts.isEmpty()) throw new StudioError("the probe needs at least one prompt");
        if (seeds.isEmpty()) throw new StudioError("the probe needs at least one seed (--seeds)");
        this.bundleDir = bundleDir.toAbsolutePath();
        this.prompts = List.copyOf(prompts);
        this.seeds = List.copyOf(seeds);
        this.steps = steps;
        this.cfg = cfg;
        this.runtime = runtime;
        this.cacheDir = workspaceRoot.resolve("evolve").resolve("importance").resolve(m.id() + "-" + key(prompts, seeds, steps, cfg));
        this.cache = readCache();
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** Pipeline runs made so far (cache hits make none). */
    public int runs() {
        return runs;
    }

    @Override
    public Quality measure(List<String> skipped) {
        String k = String.join(",", skipped.stream().sorted().toList());
        JsonNode hit = cache.get(k);
        if (hit != null) return new Quality(hit.get("cosine").asDouble(), hit.get("psnr").isNull()
                ? Double.POSITIVE_INFINITY : hit.get("psnr").asDouble(), hit.get("ssim").asDouble());
        List<Quality> samples = new ArrayList<>();
        for (int p = 0; p < prompts.size(); p++) {
            for (long seed : seeds) {
                Path base = baseline(p, seed);
                Path out = run(p, seed, skipped, cacheDir.resolve("last-probe"));
                samples.add(compare(base, out));
            }
        }
        Quality q = Quality.mean(samples);
        ObjectNode n = cache.putObject(k);
        n.put("cosine", q.cosine());
        if (Double.isInfinite(q.psnr())) n.putNull("psnr");
        else n.put("psnr", q.psnr());
        n.put("ssim", q.ssim());
        writeCache();
        return q;
    }

    private Path baseline(int prompt, long seed) {
        Path dir = cacheDir.resolve("baseline").resolve("p" + prompt + "-s" + seed);
        if (Files.isRegularFile(dir.resolve("image.png")) && Files.isRegularFile(dir.resolve("latents.npy"))) return dir;
        return run(prompt, seed, List.of(), dir);
    }

    private Path run(int prompt, long seed, List<String> skipped, Path out) {
        RunRequest req = new RunRequest(bundleDir.toString(), out.toAbsolutePath().toString(), prompts.get(prompt), "", seed, steps,
                cfg, RunMode.BLOCKWISE, 1, true, null).withSkipBlocks(skipped);
        try {
            Files.createDirectories(out);
            new Pipeline(new RunnerEventWriter(new PrintStream(OutputStream.nullOutputStream())), runtime).run(req);
            runs++;
            return out;
        } catch (IOException e) {
            throw new StudioError("probe run with " + skipped + " skipped failed: " + e.getMessage(), e);
        }
    }

    static Quality compare(Path base, Path run) {
        try {
            Npy.Array a = Npy.read(base.resolve("latents.npy").toFile()), b = Npy.read(run.resolve("latents.npy").toFile());
            BufferedImage ia = ImageIO.read(base.resolve("image.png").toFile()), ib = ImageIO.read(run.resolve("image.png").toFile());
            int w = ia.getWidth(), h = ia.getHeight();
            int[] pa = rgb(ia), pb = rgb(ib);
            return new Quality(ImageQuality.cosine(a.data(), b.data()), ImageQuality.psnr(pa, pb), ImageQuality.ssim(w, h, pa, pb));
        } catch (IOException e) {
            throw new StudioError("cannot read probe outputs in " + run + ": " + e.getMessage(), e);
        }
    }

    static int[] rgb(BufferedImage img) {
        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        for (int i = 0; i < px.length; i++) px[i] &= 0xffffff;
        return px;
    }

    private ObjectNode readCache() {
        Path f = cacheDir.resolve("quality.json");
        try {
            if (Files.isRegularFile(f)) return (ObjectNode) JSON.readTree(Files.readString(f)).path("skips");
        } catch (IOException | ClassCastException e) {
            // A damaged cache is measured again.
        }
        return JSON.createObjectNode();
    }

    private void writeCache() {
        Path f = cacheDir.resolve("quality.json");
        ObjectNode root = JSON.createObjectNode();
        prompts.forEach(root.putArray("prompts")::add);
        seeds.forEach(root.putArray("seeds")::add);
        root.put("steps", steps).put("cfg", cfg);
        root.set("skips", cache);
        try {
            Files.createDirectories(cacheDir);
            Path tmp = cacheDir.resolve("quality.json.tmp");
            Files.writeString(tmp, root.toPrettyString());
            Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StudioError("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    static String key(List<String> prompts, List<Long> seeds, int steps, double cfg) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((String.join("\n", prompts) + "\u0000" + seeds + "\u0000" + steps + "\u0000" + cfg).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
