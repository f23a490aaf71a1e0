package dev.snapfusion.bridge.convert;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.graph.TextEncoderBuilder;
import dev.snapfusion.bridge.graph.UnetBlock;
import dev.snapfusion.bridge.graph.UnetBuilder;
import dev.snapfusion.bridge.graph.VaeDecoderBuilder;
import dev.snapfusion.bridge.source.NonFiniteTensor;
import dev.snapfusion.bridge.source.PipelineSource;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.tflite.ModelTooLargeException;
import dev.snapfusion.bridge.tflite.PhoneOpFloor;
import dev.snapfusion.bridge.tflite.WeightFormat;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.Component;
import dev.snapfusion.runner.bundle.FileEntry;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.bundle.OpFloor;
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
 * source → components → recipe → files → bundle. The bundle is assembled in a sibling staging folder
 * ({@link StagingFolder}) and renamed into place at the end, so an interrupted conversion never leaves
 * a partial bundle under the final name; staging folders of killed conversions are removed by the next
 * conversion into the same parent. Weights holding NaN or ±Inf stop the conversion, naming the tensors,
 * unless {@link ConvertOptions#allowNonFinite}. Thread-safe (no shared state).
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
        return convert(source, quant.recipe(), outDir, listener);
    }

    /** Converts with a full recipe (overrides, granularities); refuses recipes TFLite 2.6.2 cannot run. */
    public static ConvertedBundle convert(String source, QuantRecipe recipe, Path outDir, ConvertListener listener)
            throws IOException {
        return convert(source, recipe, outDir, listener, true);
    }

    /**
     * {@code imageParity} false leaves the final-image check out of the report (it converts an fp32 twin and runs both
     * pipelines on the desktop, which for int8-dynamic on x86 costs more than the conversion).
     */
    public static ConvertedBundle convert(String source, QuantRecipe recipe, Path outDir, ConvertListener listener,
                                          boolean imageParity) throws IOException {
        return convert(source, recipe, outDir, listener, ConvertOptions.DEFAULT.withImageParity(imageParity));
    }

    /** The general form: {@code options} say whether to check the final image and whether to let NaN or ±Inf weights through. */
    public static ConvertedBundle convert(String source, QuantRecipe recipe, Path outDir, ConvertListener listener,
                                          ConvertOptions options) throws IOException {
        try (PipelineSource src = PipelineSource.open(source)) {
            return convert(src, recipe, outDir, listener, options);
        }
    }

    public static ConvertedBundle convert(PipelineSource src, Quantization quant, Path outDir, ConvertListener listener)
            throws IOException {
        return convert(src, quant.recipe(), outDir, listener);
    }

    public static ConvertedBundle convert(PipelineSource src, QuantRecipe recipe, Path outDir, ConvertListener listener)
            throws IOException {
        return convert(src, recipe, outDir, listener, true);
    }

    public static ConvertedBundle convert(PipelineSource src, QuantRecipe recipe, Path outDir, ConvertListener listener,
                                          boolean imageParity) throws IOException {
        return convert(src, recipe, outDir, listener, ConvertOptions.DEFAULT.withImageParity(imageParity));
    }

    public static ConvertedBundle convert(PipelineSource src, QuantRecipe recipe, Path outDir, ConvertListener listener,
                                          ConvertOptions options) throws IOException {
        long t0 = System.nanoTime();
        PipelinePreset preset = src.preset();
        UnetBuilder unet = new UnetBuilder(preset.unet(), preset.latentHeight(), preset.latentWidth(), TOKENS);
        int total = 4 + unet.blocks().size();
        int done = 0;

        Path work = StagingFolder.create(outDir, listener);
        try {
            listener.progress(done++, total, "tokenizer");
            Path tok = Files.createDirectories(work.resolve("tokenizer"));
            src.writeTokenizer(tok);
            int vocabSize = countVocab(tok.resolve("vocab.json"));

            Map<String, Component> comps = new LinkedHashMap<>();
            Map<String, Built> built = new LinkedHashMap<>();
            listener.progress(done++, total, "text_encoder.tflite");
            Built text = write(work, "text_encoder.tflite", BundleManifest.TEXT_ENCODER, recipe,
                    f -> new TextEncoderBuilder(preset.textEncoder()).build("text_encoder", src.textEncoder(), vocabSize, f),
                    List.of(new TensorSpec("input_ids", List.of(TOKENS), "int32")),
                    List.of(spec("last_hidden_state", TOKENS, preset.textEncoder().hiddenSize())));
            built.put(BundleManifest.TEXT_ENCODER, text);

            // Blocks first: their sizes tell whether the whole UNet fits in one flatbuffer.
            List<Block> blocks = new ArrayList<>();
            Files.createDirectories(work.resolve("unet_blocks"));
            long blockBytes = 0;
            Map<String, Integer> blockOps = new java.util.TreeMap<>();
            Map<String, Long> blockFlops = new LinkedHashMap<>();
            int i = 0;
            for (UnetBlock b : unet.blocks()) {
                String file = String.format("unet_blocks/%03d_%s.tflite", i++, b.id());
                listener.progress(done++, total, file);
                GraphFiles.Written w = GraphFiles.stream(work.resolve(file), recipe.weightFormat(BundleManifest.UNET),
                        f -> unet.buildBlock(b, src.unet(), f));
                Graph g = requirePhoneLoadable(file, w).graph();
                blockBytes += w.bytes();
                g.opsByType().forEach((k, v) -> blockOps.merge(k, v, Integer::sum));
                blockFlops.put(b.id(), g.flops());
                blocks.add(new Block(b.id(), b.stage(), b.kind(), g.params(), g.flops(), file, b.inputs(), List.of(b.output())));
            }

            listener.progress(done++, total, "unet.tflite");
            List<TensorSpec> unetIn = List.of(spec(UnetBuilder.SAMPLE, unet.shape(UnetBuilder.SAMPLE)),
                    spec(UnetBuilder.T_EMB, unet.shape(UnetBuilder.T_EMB)), spec(UnetBuilder.CONTEXT, unet.shape(UnetBuilder.CONTEXT)));
            List<TensorSpec> unetOut = List.of(spec(UnetBuilder.OUT, unet.shape(UnetBuilder.OUT)));
            String note = null;
            if (blockBytes > WHOLE_UNET_LIMIT) {
                note = wholeUnetDropped(blockBytes);
            } else {
                try {
                    built.put(BundleManifest.UNET, write(work, "unet.tflite", BundleManifest.UNET, recipe,
                            f -> unet.buildWhole("unet", src.unet(), f), unetIn, unetOut));
                } catch (ModelTooLargeException e) {
                    note = wholeUnetDropped(blockBytes);
                }
            }

            listener.progress(done++, total, "vae_decoder.tflite");
            built.put(BundleManifest.VAE_DECODER, write(work, "vae_decoder.tflite", BundleManifest.VAE_DECODER, recipe,
                    f -> new VaeDecoderBuilder(preset.vaeDecoder()).build("vae_decoder", src.vaeDecoder(), preset.latentHeight(),
                            preset.latentWidth(), f),
                    List.of(spec("latent", 1, preset.latentHeight(), preset.latentWidth(), preset.vaeDecoder().latentChannels())),
                    List.of(spec("image", 1, preset.latentHeight() * 8, preset.latentWidth() * 8, preset.vaeDecoder().outChannels()))));

            src.verify();   // strict name mapping: missing or leftover tensors fail before anything is published
            List<NonFiniteTensor> nonFinite = checkFinite(src, options, listener);
            List<ConversionReport.Entry> entries = new ArrayList<>();
            for (Map.Entry<String, Built> e : built.entrySet()) {
                Built b = e.getValue();
                comps.put(e.getKey(), b.component());
                ConversionReport.Parity parity = parity(recipe, b, work, vocabSize, g -> rebuildFp32(e.getKey(), preset, unet,
                        src, vocabSize, g));
                entries.add(b.entry(parity));
            }
            long blockParams = blocks.stream().mapToLong(Block::params).sum();
            entries.add(new ConversionReport.Entry("unet_blocks", "unet_blocks/", blockBytes, blockParams,
                    blocks.stream().mapToLong(Block::flops).sum(), null, blockOps, blockFlops, null));
            ConversionReport report = new ConversionReport(recipe.describe(), entries, null, note,
                    nonFinite.isEmpty() ? null : nonFinite);
            java.util.function.Function<List<FileEntry>, BundleManifest> manifest = files -> BundleManifest.builder()
                    .id(bundleId(files)).variant(preset.variant()).source(preset.name())
                    .quantization(recipe.scheme().cliName()).predictionType(preset.predictionType())
                    .scheduler(SchedulerConfig.sd15Ddim()).defaults(preset.defaultSteps(), preset.defaultCfg())
                    .latents(preset.vaeDecoder().latentChannels(), preset.latentHeight(), preset.latentWidth(),
                            preset.vaeDecoder().scalingFactor())
                    .tokenizer(TOKENS, "tokenizer/vocab.json", "tokenizer/merges.txt")
                    .timeEmbeddingDim(preset.unet().blockOutChannels().get(0)).components(comps).blocks(blocks)
                    .files(files).build();

            Double goal = report.imageGoalDb();
            ConversionReport.ImageCheck image = goal == null ? null : imageParitySkip(report, options.imageParity());
            if (goal != null && image == null) {
                // The runner needs a complete bundle: a provisional report and manifest (small models only, so
                // hashing twice is cheap), both replaced below once the image check is in.
                report.write(work.resolve(ConversionReport.FILE_NAME));
                ManifestCodec.write(manifest.apply(hashAll(work)), work.resolve(BundleManifest.FILE_NAME));
                image = measureImageParity(src, work, goal, listener, total, options);
            }
            report = report.withImageParity(image);
            report.write(work.resolve(ConversionReport.FILE_NAME));
            BundleManifest m = manifest.apply(hashAll(work));
            ManifestCodec.write(m, work.resolve(BundleManifest.FILE_NAME));
            listener.progress(total, total, "manifest.json");
            replace(work, outDir);
            return new ConvertedBundle(outDir, m, (System.nanoTime() - t0) / 1e9, report);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * NaN or ±Inf in the weights read: a user error naming the tensors, or with {@code allowNonFinite} a warning and the
     * list for the report. Checked once after every component is built, so one run names all of them.
     */
    private static List<NonFiniteTensor> checkFinite(PipelineSource src, ConvertOptions options, ConvertListener listener) {
        if (!options.allowNonFinite()) src.verifyFinite();
        List<NonFiniteTensor> bad = src.nonFinite();
        if (!bad.isEmpty()) {
            listener.warn(src.describe() + ": " + bad.size() + (bad.size() == 1 ? " tensor holds" : " tensors hold") + " NaN or Inf, "
                    + "converted anyway (--allow-nonfinite; listed in " + ConversionReport.FILE_NAME + "): " + NonFiniteTensor.list(bad));
        }
        return bad;
    }

    /**
     * Documented fallback (docs/quantization.md): a whole UNet over TFLite's 2 GB flatbuffer limit (SD-v1.5
     * in fp32 is 3.4 GB) is not written; its block files, each under the limit, carry all its weights.
     */
    private static String wholeUnetDropped(long blockBytes) {
        return "unet.tflite omitted: the whole UNet would be about " + (blockBytes >> 20) + " MiB, over TFLite 2.6.2's 2 GB "
                + "flatbuffer limit; the bundle carries the UNet as block files only (run blockwise, or convert with --quant fp16)";
    }

    /** Files whose weights sum to more than this are not attempted as one flatbuffer (tables need some room too). */
    static final long WHOLE_UNET_LIMIT = (2L << 30) - (64L << 20);

    /** Components up to this many parameters get a parity check against fp32 (cheap enough to run twice). */
    static final long PARITY_MAX_PARAMS = 20_000_000;

    private record Built(String name, String file, Path path, GraphFiles.Written written, List<TensorSpec> in,
                         List<TensorSpec> out) {
        Component component() {
            Graph g = written.graph();
            return new Component(name, file, g.params(), g.flops(), in, out);
        }

        ConversionReport.Entry entry(ConversionReport.Parity parity) {
            Graph g = written.graph();
            Map<String, Long> storage = new LinkedHashMap<>();
            g.paramsByEncoding().forEach((k, v) -> storage.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
            return new ConversionReport.Entry(name, file, written.bytes(), g.params(), g.flops(), storage, g.opsByType(),
                    g.flopsByScope(), parity);
        }
    }

    private static Built write(Path dir, String file, String name, QuantRecipe recipe,
                               java.util.function.Function<WeightFormat, Graph> build, List<TensorSpec> in, List<TensorSpec> out)
            throws IOException {
        Path path = dir.resolve(file);
        return new Built(name, file, path, requirePhoneLoadable(file, GraphFiles.stream(path, recipe.weightFormat(name), build)), in, out);
    }

    /** The runtime every written file is checked against (docs/phone-floor.md); tests swap in a narrower one. */
    static volatile OpFloor phoneFloor = OpFloor.phone();

    /**
     * Refuses a file the phone's TFLite cannot load right after it is written, naming the file and each operator
     * (an OpFloorException, a user-facing IllegalArgumentException); the work folder is then deleted unpublished.
     */
    private static GraphFiles.Written requirePhoneLoadable(String file, GraphFiles.Written w) {
        PhoneOpFloor.check(file, w.graph(), phoneFloor).requireLoadable();
        return w;
    }

    private static Graph rebuildFp32(String component, PipelinePreset preset, UnetBuilder unet, PipelineSource src, int vocab,
                                     WeightFormat f) {
        return switch (component) {
            case BundleManifest.TEXT_ENCODER -> new TextEncoderBuilder(preset.textEncoder()).build("text_encoder", src.textEncoder(), vocab, f);
            case BundleManifest.UNET -> unet.buildWhole("unet", src.unet(), f);
            default -> new VaeDecoderBuilder(preset.vaeDecoder()).build("vae_decoder", src.vaeDecoder(), preset.latentHeight(),
                    preset.latentWidth(), f);
        };
    }

    /** Parity against fp32 for small quantized components; null when fp32 already, too large, or TFLite is unavailable. */
    private static ConversionReport.Parity parity(QuantRecipe recipe, Built b, Path work, int vocab,
                                                  java.util.function.Function<WeightFormat, Graph> fp32) throws IOException {
        Graph g = b.written().graph();
        boolean allFp32 = g.paramsByEncoding().keySet().stream().allMatch(e -> e == dev.snapfusion.bridge.tflite.WeightEncoding.FP32);
        if (allFp32 || g.params() > PARITY_MAX_PARAMS) return null;
        Path ref = Files.createTempFile(work.getParent(), ".parity-", ".tflite");
        try {
            GraphFiles.stream(ref, WeightFormat.FP32, fp32);
            return ParityCheck.compare(ref, b.path(), b.in(), vocab, 1);
        } catch (LinkageError | IllegalStateException e) {
            return null;   // no TFLite runtime here: the report simply has no parity figures
        } finally {
            Files.deleteIfExists(ref);
        }
    }

    /**
     * Why a quantized bundle's image check is not run: not requested, or a component too large to convert and run twice
     * at conversion time (use {@code studio parity}); null when it should run.
     */
    static ConversionReport.ImageCheck imageParitySkip(ConversionReport report, boolean requested) {
        if (!requested) return ConversionReport.ImageCheck.skipped("not requested (--no-image-parity)");
        long largest = 0;
        for (ConversionReport.Entry e : report.components()) {
            if (!e.name().equals("unet_blocks")) largest = Math.max(largest, e.params());
        }
        if (largest <= PARITY_MAX_PARAMS) return null;
        return ConversionReport.ImageCheck.skipped(String.format(java.util.Locale.ROOT, "a component has %.1f M parameters; "
                + "conversion-time image parity runs on models up to %d M per component. Compare with an fp32 bundle by "
                + "`studio parity --reference FP32_BUNDLE --bundle THIS_BUNDLE`", largest / 1e6, PARITY_MAX_PARAMS / 1_000_000));
    }

    /** Converts an fp32 twin of {@code src} next to {@code work} and compares the final images ({@link ImageParity}). */
    private static ConversionReport.ImageCheck measureImageParity(PipelineSource src, Path work, double goal,
                                                                  ConvertListener listener, int total, ConvertOptions options)
            throws IOException {
        listener.progress(total - 1, total, "image parity vs fp32 (" + ImageParity.Settings.REPORT.steps() + " steps on the desktop)");
        Path twin = Files.createTempDirectory(work.getParent(), ".parity-fp32-");
        Path runs = Files.createTempDirectory(work.getParent(), ".parity-runs-");
        try {
            convert(src, Quantization.FP32.recipe(), twin.resolve("bundle"), ConvertListener.NONE, options.withImageParity(false));
            ImageParity.Result r = ImageParity.compare(twin.resolve("bundle"), work, ImageParity.Settings.REPORT, 2, runs);
            return ConversionReport.ImageCheck.measured(r, goal, ImageParity.Settings.REPORT);
        } catch (LinkageError | IllegalStateException e) {
            return ConversionReport.ImageCheck.skipped("no TFLite runtime on this desktop: " + e.getMessage());
        } finally {
            deleteTree(twin);
            deleteTree(runs);
        }
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
