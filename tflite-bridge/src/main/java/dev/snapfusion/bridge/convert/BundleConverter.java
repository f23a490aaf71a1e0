package dev.snapfusion.bridge.convert;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.graph.TextEncoderBuilder;
import dev.snapfusion.bridge.graph.UnetBuilder;
import dev.snapfusion.bridge.graph.VaeDecoderBuilder;
import dev.snapfusion.bridge.source.PipelineSource;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.tflite.PhoneOpFloor;
import dev.snapfusion.bridge.tflite.WeightFormat;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.FileEntry;
import dev.snapfusion.runner.bundle.OpFloor;
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
import java.util.List;
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
    private BundleConverter() {
    }

    /** The common case: {@code source} as {@link PipelineSource#open} reads it, one of the fixed recipes, progress. */
    public static ConvertedBundle convert(String source, Quantization quant, Path outDir, ConvertListener listener)
            throws IOException {
        return convert(ConvertRequest.of(source, outDir).quantization(quant).listener(listener));
    }

    /**
     * The general form: a full recipe (overrides, granularities; refused when the phone's TFLite cannot run it), and
     * options for the final-image check and NaN/Inf weights.
     */
    public static ConvertedBundle convert(ConvertRequest req) throws IOException {
        if (req.openSource() != null) return new Conversion(req, req.openSource()).run();
        try (PipelineSource src = PipelineSource.open(req.source())) {
            return new Conversion(req, src).run();
        }
    }

    /**
     * Documented fallback (docs/quantization.md): a whole UNet over TFLite's 2 GB flatbuffer limit (SD-v1.5
     * in fp32 is 3.4 GB) is not written; its block files, each under the limit, carry all its weights.
     */
    static String wholeUnetDropped(long blockBytes) {
        return "unet.tflite omitted: the whole UNet would be about " + (blockBytes >> 20) + " MiB, over TFLite 2.6.2's 2 GB "
                + "flatbuffer limit; the bundle carries the UNet as block files only (run blockwise, or convert with --quant fp16)";
    }

    /** Files whose weights sum to more than this are not attempted as one flatbuffer (tables need some room too). */
    static final long WHOLE_UNET_LIMIT = (2L << 30) - (64L << 20);

    /** Components up to this many parameters get a parity check against fp32 (cheap enough to run twice). */
    static final long PARITY_MAX_PARAMS = 20_000_000;

    /** The runtime every written file is checked against (docs/phone-floor.md); tests swap in a narrower one. */
    static volatile OpFloor phoneFloor = OpFloor.phone();

    /**
     * Refuses a file the phone's TFLite cannot load right after it is written, naming the file and each operator
     * (an OpFloorException, a user-facing IllegalArgumentException); the work folder is then deleted unpublished.
     */
    static GraphFiles.Written requirePhoneLoadable(String file, GraphFiles.Written w) {
        PhoneOpFloor.check(file, w.graph(), phoneFloor).requireLoadable();
        return w;
    }

    static Graph rebuildFp32(String component, PipelinePreset preset, UnetBuilder unet, PipelineSource src, int vocab,
                                     WeightFormat f) {
        return switch (component) {
            case BundleManifest.TEXT_ENCODER -> new TextEncoderBuilder(preset.textEncoder()).build("text_encoder", src.textEncoder(), vocab, f);
            case BundleManifest.UNET -> unet.buildWhole("unet", src.unet(), f);
            default -> new VaeDecoderBuilder(preset.vaeDecoder()).build("vae_decoder", src.vaeDecoder(), preset.latentHeight(),
                    preset.latentWidth(), f);
        };
    }

    /** Parity against fp32 for small quantized components; null when fp32 already, too large, or TFLite is unavailable. */
    static ConversionReport.Parity parity(QuantRecipe recipe, Conversion.Built b, Path work, int vocab,
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
    static ConversionReport.ImageCheck measureImageParity(PipelineSource src, Path work, double goal,
                                                                  ConvertListener listener, int total, ConvertOptions options)
            throws IOException {
        listener.progress(total - 1, total, "image parity vs fp32 (" + ImageParity.Settings.REPORT.steps() + " steps on the desktop)");
        Path twin = Files.createTempDirectory(work.getParent(), ".parity-fp32-");
        Path runs = Files.createTempDirectory(work.getParent(), ".parity-runs-");
        try {
            convert(ConvertRequest.of(src, twin.resolve("bundle")).options(options.withImageParity(false)));
            ImageParity.Result r = ImageParity.compare(twin.resolve("bundle"), work, ImageParity.Settings.REPORT, 2, runs);
            return ConversionReport.ImageCheck.measured(r, goal, ImageParity.Settings.REPORT);
        } catch (LinkageError | IllegalStateException e) {
            return ConversionReport.ImageCheck.skipped("no TFLite runtime on this desktop: " + e.getMessage());
        } finally {
            deleteTree(twin);
            deleteTree(runs);
        }
    }

    static TensorSpec spec(String name, int... shape) {
        return new TensorSpec(name, Arrays.stream(shape).boxed().toList(), "float32");
    }

    static int countVocab(Path vocab) throws IOException {
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
    static String bundleId(List<FileEntry> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (FileEntry f : files) md.update((f.path() + "\0" + f.sha256() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void replace(Path work, Path outDir) throws IOException {
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
