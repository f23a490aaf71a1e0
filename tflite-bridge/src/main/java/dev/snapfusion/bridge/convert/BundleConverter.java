package dev.snapfusion.bridge.convert;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.graph.TextEncoderBuilder;
import dev.snapfusion.bridge.graph.UnetBlock;
import dev.snapfusion.bridge.graph.UnetBuilder;
import dev.snapfusion.bridge.graph.VaeDecoderBuilder;
import dev.snapfusion.bridge.source.PipelineSource;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.WeightFormat;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.Component;
import dev.snapfusion.runner.bundle.FileEntry;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.bundle.SchedulerConfig;
import dev.snapfusion.runner.bundle.TensorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * source → components → recipe → files → bundle. The bundle is assembled in a sibling temp folder
 * and renamed into place at the end, so an interrupted conversion never leaves a partial bundle
 * under the final name. Thread-safe (no shared state).
 *
 * <pre>{@code
 * ConvertedBundle b = BundleConverter.convert("demo:snapfusion", Quantization.FP32, Path.of("out/sf"), ConvertListener.NONE);
 * }</pre>
 */
public final class BundleConverter {
    private static final int TOKENS = 77;

    private BundleConverter() {
    }

    /** {@code source} as {@link PipelineSource#open} reads it: demo:*, a preset, a diffusers folder, a .safetensors file, derive:. */
    public static ConvertedBundle convert(String source, Quantization quant, Path outDir, ConvertListener listener)
            throws IOException {
        try (PipelineSource src = PipelineSource.open(source)) {
            return convert(src, quant, outDir, listener);
        }
    }

    public static ConvertedBundle convert(PipelineSource src, Quantization quant, Path outDir, ConvertListener listener)
            throws IOException {
        long t0 = System.nanoTime();
        PipelinePreset preset = src.preset();
        WeightFormat fmt = quant.weightFormat();
        UnetBuilder unet = new UnetBuilder(preset.unet(), preset.latentHeight(), preset.latentWidth(), TOKENS);
        int total = 4 + unet.blocks().size();
        int done = 0;

        Path parent = outDir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, "." + outDir.getFileName() + ".partial-");
        try {
            listener.progress(done++, total, "tokenizer");
            Path tok = Files.createDirectories(work.resolve("tokenizer"));
            src.writeTokenizer(tok);
            int vocabSize = countVocab(tok.resolve("vocab.json"));

            Map<String, Component> comps = new LinkedHashMap<>();
            listener.progress(done++, total, "text_encoder.tflite");
            Graph text = new TextEncoderBuilder(preset.textEncoder()).build("text_encoder", src.textEncoder(), vocabSize, fmt);
            comps.put(BundleManifest.TEXT_ENCODER, write(work, "text_encoder.tflite", BundleManifest.TEXT_ENCODER, text,
                    List.of(new TensorSpec("input_ids", List.of(TOKENS), "int32")),
                    List.of(spec("last_hidden_state", TOKENS, preset.textEncoder().hiddenSize()))));

            listener.progress(done++, total, "unet.tflite");
            Graph whole = unet.buildWhole("unet", src.unet(), fmt);
            comps.put(BundleManifest.UNET, write(work, "unet.tflite", BundleManifest.UNET, whole,
                    List.of(spec(UnetBuilder.SAMPLE, unet.shape(UnetBuilder.SAMPLE)), spec(UnetBuilder.T_EMB, unet.shape(UnetBuilder.T_EMB)),
                            spec(UnetBuilder.CONTEXT, unet.shape(UnetBuilder.CONTEXT))),
                    List.of(spec(UnetBuilder.OUT, unet.shape(UnetBuilder.OUT)))));

            List<Block> blocks = new ArrayList<>();
            Files.createDirectories(work.resolve("unet_blocks"));
            int i = 0;
            for (UnetBlock b : unet.blocks()) {
                String file = String.format("unet_blocks/%03d_%s.tflite", i++, b.id());
                listener.progress(done++, total, file);
                Graph g = unet.buildBlock(b, src.unet(), fmt);
                Files.write(work.resolve(file), g.toFlatbuffer());
                blocks.add(new Block(b.id(), b.stage(), b.kind(), g.params(), g.flops(), file, b.inputs(), List.of(b.output())));
            }

            listener.progress(done++, total, "vae_decoder.tflite");
            Graph vae = new VaeDecoderBuilder(preset.vaeDecoder()).build("vae_decoder", src.vaeDecoder(), preset.latentHeight(),
                    preset.latentWidth(), fmt);
            comps.put(BundleManifest.VAE_DECODER, write(work, "vae_decoder.tflite", BundleManifest.VAE_DECODER, vae,
                    List.of(spec("latent", 1, preset.latentHeight(), preset.latentWidth(), preset.vaeDecoder().latentChannels())),
                    List.of(spec("image", 1, preset.latentHeight() * 8, preset.latentWidth() * 8, preset.vaeDecoder().outChannels()))));

            src.verify();   // strict name mapping: missing or leftover tensors fail before anything is published
            List<FileEntry> files = hashAll(work);
            BundleManifest m = new BundleManifest(BundleManifest.FORMAT_VERSION, bundleId(files), preset.variant(), preset.name(),
                    quant.cliName(), preset.predictionType(), SchedulerConfig.sd15Ddim(), preset.defaultSteps(),
                    preset.defaultCfg(), preset.vaeDecoder().latentChannels(), preset.latentHeight(), preset.latentWidth(),
                    preset.vaeDecoder().scalingFactor(), TOKENS, "tokenizer/vocab.json", "tokenizer/merges.txt",
                    preset.unet().blockOutChannels().get(0), comps, blocks, files);
            ManifestCodec.write(m, work.resolve(BundleManifest.FILE_NAME));
            listener.progress(total, total, "manifest.json");
            replace(work, outDir);
            return new ConvertedBundle(outDir, m, (System.nanoTime() - t0) / 1e9);
        } finally {
            deleteTree(work);
        }
    }

    private static Component write(Path dir, String file, String name, Graph g, List<TensorSpec> in, List<TensorSpec> out)
            throws IOException {
        Files.write(dir.resolve(file), g.toFlatbuffer());
        return new Component(name, file, g.params(), g.flops(), in, out);
    }

    private static TensorSpec spec(String name, int... shape) {
        return new TensorSpec(name, Arrays.stream(shape).boxed().toList(), "float32");
    }

    private static int countVocab(Path vocab) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(vocab.toFile()).size();
    }

    static List<FileEntry> hashAll(Path dir) throws IOException {
        List<FileEntry> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.equals(BundleManifest.FILE_NAME)) continue;
                out.add(new FileEntry(rel, sha256(p), Files.size(p)));
            }
        }
        return out;
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Content address: same files, same id, so a re-push of an unchanged bundle is a no-op on the device. */
    private static String bundleId(List<FileEntry> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (FileEntry f : files) md.update((f.path() + "\0" + f.sha256() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void replace(Path work, Path outDir) throws IOException {
        if (Files.exists(outDir)) {
            if (!Files.exists(outDir.resolve(BundleManifest.FILE_NAME)) && isNonEmptyDir(outDir)) {
                throw new IOException(outDir + " exists and is not a bundle; refusing to overwrite it");
            }
            Path old = outDir.resolveSibling("." + outDir.getFileName() + ".old-" + System.nanoTime());
            Files.move(outDir, old);
            Files.move(work, outDir, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } else {
            Files.move(work, outDir, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static boolean isNonEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) return true;
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isPresent();
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }
}
