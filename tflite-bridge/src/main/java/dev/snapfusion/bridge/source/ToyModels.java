package dev.snapfusion.bridge.source;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.arch.PresetException;
import dev.snapfusion.bridge.arch.Presets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The built-in default: the toy SD-v1.5 / SnapFusion pair trained on the toy world (tools/toy-train,
 * docs/toy-models.md), shipped as diffusers folders in the assets jar under {@code dev/snapfusion/assets/models/}.
 * {@code demo:sd15} and {@code demo:snapfusion} open them through {@link DiffusersFolder}, the loader every real
 * checkpoint goes through; nothing here knows what the weights are.
 *
 * <p>Safetensors are memory-mapped, so a folder inside a jar is first copied to
 * {@code <cache>/toy-models/<name>-<sha-256 prefix>/} (once per content; {@code -Dsnapfusion.cache}, default
 * {@code ~/.cache/snapfusion-studio}). When the classes run from a build folder the files are read in place.
 */
public final class ToyModels {
    /** How long a copy of other weights must have gone unopened before a studio removes it. */
    static final Duration UNUSED_FOR = Duration.ofDays(7);

    static final String ROOT = "dev/snapfusion/assets/models/";
    /** Every file of a shipped folder; {@link DiffusersFolder} checks the rest. */
    static final List<String> FILES = List.of("model_index.json", "scheduler/scheduler_config.json", "text_encoder/config.json",
            "text_encoder/model.safetensors", "tokenizer/merges.txt", "tokenizer/tokenizer_config.json", "tokenizer/vocab.json",
            "unet/config.json", "unet/diffusion_pytorch_model.safetensors", "vae/config.json",
            "vae/diffusion_pytorch_model.safetensors");

    /** Folders already copied out of the jar by this JVM: the copy's hash is checked once, not per conversion. */
    private static final java.util.Map<String, Path> EXTRACTED = new java.util.concurrent.ConcurrentHashMap<>();

    private ToyModels() {
    }

    /** {@code demo:sd15} or {@code demo:snapfusion}: the shipped folder, named after the source, with its preset's defaults. */
    public static PipelineSource open(String source) {
        PipelinePreset builtIn = Presets.builtIn(source);
        Path dir = folder(source);
        PipelineSource src = DiffusersFolder.open(dir);
        try {
            requireSameArchitecture(builtIn, src.preset(), dir);
            return src.named(builtIn.name(), builtIn.defaultSteps(), builtIn.defaultCfg());
        } catch (RuntimeException e) {
            src.close();
            throw e;
        }
    }

    /** The folder of {@code demo:NAME} on disk, copied out of the jar when needed. */
    public static Path folder(String source) {
        String name = "toy-" + source.substring(source.indexOf(':') + 1);
        String base = ROOT + name + "/";
        URL index = ToyModels.class.getClassLoader().getResource(base + "model_index.json");
        if (index == null) {
            throw new PresetException(source + ": the trained toy weights (" + base + ") are not on the classpath; build the assets "
                    + "module, or retrain them with tools/toy-train (docs/toy-models.md)");
        }
        if (index.getProtocol().equals("file")) {
            try {
                return Path.of(index.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            Path done = EXTRACTED.get(name);
            if (done != null && Files.isRegularFile(done.resolve(".complete"))) return done;
            Path dir = extract(base, name);
            EXTRACTED.put(name, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the toy weights " + base + " to " + cache() + ": " + e.getMessage(), e);
        }
    }

    private static Path cache() {
        String c = System.getProperty("snapfusion.cache");
        return c != null ? Path.of(c) : Path.of(System.getProperty("user.home"), ".cache", "snapfusion-studio");
    }

    private static Path extract(String base, String name) throws IOException {
        ClassLoader cl = ToyModels.class.getClassLoader();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String f : FILES) {
            try (InputStream in = open(cl, base + f)) {
                sha.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(in.readAllBytes());
            }
        }
        String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        Path dir = cache().resolve("toy-models").resolve(name + "-" + hash);
        if (Files.isRegularFile(dir.resolve(".complete"))) {
            markUsed(dir);
            return dir;
        }
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), name + ".part.");
        for (String f : FILES) {
            Path to = tmp.resolve(f);
            Files.createDirectories(to.getParent());
            try (InputStream in = open(cl, base + f)) {
                Files.copy(in, to);
            }
        }
        Files.writeString(tmp.resolve(".complete"), hash + "\n");
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isRegularFile(dir.resolve(".complete"))) throw e;   // another process won the race
        } catch (IOException e) {
            if (!Files.isRegularFile(dir.resolve(".complete"))) throw e;
        }
        removeOlderCopies(dir, name);
        return dir;
    }

    /** A copy's {@code .complete} is touched whenever a studio opens it, so other studios can tell it is in use. */
    private static void markUsed(Path dir) {
        try {
            Files.setLastModifiedTime(dir.resolve(".complete"), FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a read-only cache still works; the copy just looks older to removeOlderCopies
        }
    }

    /**
     * Copies of other weights (another hash) that no studio has opened for {@link #UNUSED_FOR}: removed, best effort. A
     * copy opened more recently may still be memory-mapped by another studio process (another checkout, another version).
     */
    private static void removeOlderCopies(Path current, String name) {
        Instant cutoff = Instant.now().minus(UNUSED_FOR);
        try (var siblings = Files.list(current.getParent())) {
            for (Path p : siblings.filter(p -> !p.equals(current) && p.getFileName().toString().startsWith(name + "-")
                    && lastUsed(p).isBefore(cutoff)).toList()) {
                try (var walk = Files.walk(p)) {
                    for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // another process may be reading or removing them; they are only disk space
        }
    }

    private static Instant lastUsed(Path copy) {
        Path marker = copy.resolve(".complete");
        try {
            return Files.getLastModifiedTime(Files.exists(marker) ? marker : copy).toInstant();
        } catch (IOException e) {
            return Instant.now();   // gone or unreadable: leave it alone
        }
    }

    private static InputStream open(ClassLoader cl, String resource) throws IOException {
        InputStream in = cl.getResourceAsStream(resource);
        if (in == null) throw new IOException(resource + " is missing from the assets jar");
        return in;
    }

    /** The shipped weights were trained for the built-in preset's architecture; a preset edited since then is caught here. */
    static void requireSameArchitecture(PipelinePreset builtIn, PipelinePreset folder, Path dir) {
        StringBuilder diff = new StringBuilder();
        if (!builtIn.unet().equals(folder.unet())) diff.append(" unet");
        if (!builtIn.textEncoder().equals(folder.textEncoder())) diff.append(" text_encoder");
        var a = builtIn.vaeDecoder();
        var b = folder.vaeDecoder();
        if (!a.blockOutChannels().equals(b.blockOutChannels()) || a.layersPerBlock() != b.layersPerBlock()
                || a.normNumGroups() != b.normNumGroups() || a.latentChannels() != b.latentChannels()) {
            diff.append(" vae");
        }
        if (builtIn.latentHeight() != folder.latentHeight() || builtIn.latentWidth() != folder.latentWidth()) diff.append(" latent size");
        if (!builtIn.predictionType().equals(folder.predictionType())) diff.append(" prediction_type");
        if (diff.length() > 0) {
            throw new PresetException(String.format(Locale.ROOT, "%s: the shipped weights in %s differ from the built-in preset %s in:%s; "
                    + "retrain them with tools/toy-train (docs/toy-models.md)", builtIn.name(), dir, builtIn.name(), diff));
        }
    }
}
