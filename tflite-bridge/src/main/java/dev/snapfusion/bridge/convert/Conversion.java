package dev.snapfusion.bridge.convert;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.graph.TextEncoderBuilder;
import dev.snapfusion.bridge.graph.UnetBlock;
import dev.snapfusion.bridge.graph.UnetBuilder;
import dev.snapfusion.bridge.graph.VaeDecoderBuilder;
import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.source.NonFiniteTensor;
import dev.snapfusion.bridge.source.PipelineSource;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.ModelTooLargeException;
import dev.snapfusion.bridge.tflite.WeightFormat;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.Component;
import dev.snapfusion.runner.bundle.FileEntry;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.bundle.SchedulerConfig;
import dev.snapfusion.runner.bundle.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One conversion, phase by phase: tokenizer, text encoder, UNet blocks, whole UNet, decoder, checks, report and
 * manifest, image parity, publish. {@link #run} reads as that list. Not thread-safe; one instance per conversion.
 */
final class Conversion {
    static final int TOKENS = 77;

    private final ConvertRequest req;
    private final PipelineSource src;
    private final QuantRecipe recipe;
    private final ConvertListener listener;
    private final PipelinePreset preset;
    private final UnetBuilder unet;
    private final int total;
    private final Map<String, Built> built = new LinkedHashMap<>();
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Integer> blockOps = new TreeMap<>();
    private final Map<String, Long> blockFlops = new LinkedHashMap<>();
    private long blockBytes;
    private int done;
    private int vocabSize;
    private String note;
    private Path work;

    Conversion(ConvertRequest req, PipelineSource src) {
        this.req = req;
        this.src = src;
        this.recipe = req.recipe();
        this.listener = req.listener();
        this.preset = src.preset();
        this.unet = new UnetBuilder(preset.unet(), preset.latentHeight(), preset.latentWidth(), TOKENS);
        this.total = 4 + unet.blocks().size();
    }

    ConvertedBundle run() throws IOException {
        long t0 = System.nanoTime();
        work = StagingFolder.create(req.outDir(), listener);
        try {
            tokenizer();
            textEncoder();
            unetBlocks();   // blocks first: their sizes tell whether the whole UNet fits in one flatbuffer
            wholeUnet();
            vaeDecoder();
            src.verify();   // strict name mapping: missing or leftover tensors fail before anything is published
            ConversionReport report = report(checkFinite());
            report = report.withImageParity(imageParity(report));
            report.write(work.resolve(ConversionReport.FILE_NAME));
            BundleManifest m = manifest(BundleConverter.hashAll(work));
            ManifestCodec.write(m, work.resolve(BundleManifest.FILE_NAME));
            listener.progress(total, total, "manifest.json");
            BundleConverter.replace(work, req.outDir());
            return new ConvertedBundle(req.outDir(), m, (System.nanoTime() - t0) / 1e9, report);
        } finally {
            BundleConverter.deleteTree(work);
        }
    }

    private void tokenizer() throws IOException {
        listener.progress(done++, total, "tokenizer");
        Path tok = Files.createDirectories(work.resolve("tokenizer"));
        src.writeTokenizer(tok);
        vocabSize = BundleConverter.countVocab(tok.resolve("vocab.json"));
    }

    private void textEncoder() throws IOException {
        listener.progress(done++, total, "text_encoder.tflite");
        built.put(BundleManifest.TEXT_ENCODER, write("text_encoder.tflite", BundleManifest.TEXT_ENCODER,
                f -> new TextEncoderBuilder(preset.textEncoder()).build("text_encoder", src.textEncoder(), vocabSize, f),
                List.of(new TensorSpec("input_ids", List.of(TOKENS), "int32")),
                List.of(BundleConverter.spec("last_hidden_state", TOKENS, preset.textEncoder().hiddenSize()))));
    }

    private void unetBlocks() throws IOException {
        Files.createDirectories(work.resolve("unet_blocks"));
        int i = 0;
        for (UnetBlock b : unet.blocks()) {
            String file = String.format("unet_blocks/%03d_%s.tflite", i++, b.id());
            listener.progress(done++, total, file);
            GraphFiles.Written w = GraphFiles.stream(work.resolve(file), recipe.weightFormat(BundleManifest.UNET),
                    f -> unet.buildBlock(b, src.unet(), f));
            Graph g = BundleConverter.requirePhoneLoadable(file, w).graph();
            blockBytes += w.bytes();
            g.opsByType().forEach((k, v) -> blockOps.merge(k, v, Integer::sum));
            blockFlops.put(b.id(), g.flops());
            blocks.add(new Block(b.id(), b.stage(), b.kind(), g.params(), g.flops(), file, b.inputs(), List.of(b.output())));
        }
    }

    private void wholeUnet() throws IOException {
        listener.progress(done++, total, "unet.tflite");
        List<TensorSpec> in = List.of(BundleConverter.spec(UnetBuilder.SAMPLE, unet.shape(UnetBuilder.SAMPLE)),
                BundleConverter.spec(UnetBuilder.T_EMB, unet.shape(UnetBuilder.T_EMB)),
                BundleConverter.spec(UnetBuilder.CONTEXT, unet.shape(UnetBuilder.CONTEXT)));
        List<TensorSpec> out = List.of(BundleConverter.spec(UnetBuilder.OUT, unet.shape(UnetBuilder.OUT)));
        if (blockBytes > BundleConverter.WHOLE_UNET_LIMIT) {
            note = BundleConverter.wholeUnetDropped(blockBytes);
            return;
        }
        try {
            built.put(BundleManifest.UNET, write("unet.tflite", BundleManifest.UNET, f -> unet.buildWhole("unet", src.unet(), f), in, out));
        } catch (ModelTooLargeException e) {
            note = BundleConverter.wholeUnetDropped(blockBytes);
        }
    }

    private void vaeDecoder() throws IOException {
        listener.progress(done++, total, "vae_decoder.tflite");
        int h = preset.latentHeight(), w = preset.latentWidth();
        built.put(BundleManifest.VAE_DECODER, write("vae_decoder.tflite", BundleManifest.VAE_DECODER,
                f -> new VaeDecoderBuilder(preset.vaeDecoder()).build("vae_decoder", src.vaeDecoder(), h, w, f),
                List.of(BundleConverter.spec("latent", 1, h, w, preset.vaeDecoder().latentChannels())),
                List.of(BundleConverter.spec("image", 1, h * 8, w * 8, preset.vaeDecoder().outChannels()))));
    }

    /**
     * NaN or ±Inf in the weights read: a user error naming the tensors, or with {@link ConvertOptions#allowNonFinite} a
     * warning and the list for the report. Checked once after every component is built, so one run names all of them.
     */
    private List<NonFiniteTensor> checkFinite() {
        if (!req.options().allowNonFinite()) src.verifyFinite();
        List<NonFiniteTensor> bad = src.nonFinite();
        if (!bad.isEmpty()) {
            listener.warn(src.describe() + ": " + bad.size() + (bad.size() == 1 ? " tensor holds" : " tensors hold") + " NaN or Inf, "
                    + "converted anyway (--allow-nonfinite; listed in " + ConversionReport.FILE_NAME + "): " + NonFiniteTensor.list(bad));
        }
        return bad;
    }

    private ConversionReport report(List<NonFiniteTensor> nonFinite) throws IOException {
        List<ConversionReport.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Built> e : built.entrySet()) {
            ConversionReport.Parity parity = BundleConverter.parity(recipe, e.getValue(), work, vocabSize,
                    f -> BundleConverter.rebuildFp32(e.getKey(), preset, unet, src, vocabSize, f));
            entries.add(e.getValue().entry(parity));
        }
        long blockParams = blocks.stream().mapToLong(Block::params).sum();
        entries.add(new ConversionReport.Entry("unet_blocks", "unet_blocks/", blockBytes, blockParams,
                blocks.stream().mapToLong(Block::flops).sum(), null, blockOps, blockFlops, null));
        return new ConversionReport(recipe.describe(), entries, null, note, nonFinite.isEmpty() ? null : nonFinite);
    }

    /**
     * The final-image check for quantized bundles of small models. The runner needs a complete bundle: a provisional
     * report and manifest (small models only, so hashing twice is cheap) are written first and replaced afterwards.
     */
    private ConversionReport.ImageCheck imageParity(ConversionReport report) throws IOException {
        Double goal = report.imageGoalDb();
        if (goal == null) return null;
        ConversionReport.ImageCheck skip = BundleConverter.imageParitySkip(report, req.options().imageParity());
        if (skip != null) return skip;
        report.write(work.resolve(ConversionReport.FILE_NAME));
        ManifestCodec.write(manifest(BundleConverter.hashAll(work)), work.resolve(BundleManifest.FILE_NAME));
        return BundleConverter.measureImageParity(src, work, goal, listener, total, req.options());
    }

    private BundleManifest manifest(List<FileEntry> files) {
        Map<String, Component> comps = new LinkedHashMap<>();
        built.forEach((name, b) -> comps.put(name, b.component()));
        return BundleManifest.builder()
                .id(BundleConverter.bundleId(files)).variant(preset.variant()).source(preset.name())
                .quantization(recipe.scheme().cliName()).predictionType(preset.predictionType())
                .scheduler(src.scheduler()).defaults(preset.defaultSteps(), preset.defaultCfg())
                .latents(preset.vaeDecoder().latentChannels(), preset.latentHeight(), preset.latentWidth(),
                        preset.vaeDecoder().scalingFactor())
                .tokenizer(TOKENS, "tokenizer/vocab.json", "tokenizer/merges.txt")
                .timeEmbeddingDim(preset.unet().blockOutChannels().get(0)).components(comps).blocks(blocks)
                .files(files).build();
    }

    private Built write(String file, String name, Function<WeightFormat, Graph> build, List<TensorSpec> in,
                        List<TensorSpec> out) throws IOException {
        Path path = work.resolve(file);
        GraphFiles.Written w = GraphFiles.stream(path, recipe.weightFormat(name), build);
        return new Built(name, file, path, BundleConverter.requirePhoneLoadable(file, w), in, out);
    }

    /** A written component file with its graph (for the report) and its tensor specs (for the manifest). */
    record Built(String name, String file, Path path, GraphFiles.Written written, List<TensorSpec> in, List<TensorSpec> out) {
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
}
