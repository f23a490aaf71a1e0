package dev.snapfusion.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.demo.DemoVocabulary;
import dev.snapfusion.bridge.graph.TextEncoderBuilder;
import dev.snapfusion.bridge.graph.UnetBlock;
import dev.snapfusion.bridge.graph.UnetBuilder;
import dev.snapfusion.bridge.graph.VaeDecoderBuilder;
import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.source.PipelineSource;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.ModelTooLargeException;
import dev.snapfusion.bridge.tflite.PhoneOpFloor;
import dev.snapfusion.bridge.tflite.PhoneOpReport;
import dev.snapfusion.bridge.tflite.WeightFormat;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.OpCode;
import dev.snapfusion.runner.bundle.OpFloor;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every graph {@link BundleConverter} writes for a source and a recipe (text encoder, each UNet block file, the whole
 * UNet, VAE decoder), built with the same builders, names and per-component weight formats, then checked against
 * the phone's TFLite with {@link PhoneOpFloor}. Small models are built in memory and also read back with the
 * runner's hand reader; big ones stream their weights into {@code sink} (a channel that keeps nothing) and are
 * checked from their tables.
 */
final class ConverterGraphs {
    /** One checked file. */
    record Checked(String file, PhoneOpReport report) {
    }

    private ConverterGraphs() {
    }

    static List<Checked> check(PipelineSource src, QuantRecipe recipe, FileChannel sink) {
        PipelinePreset p = src.preset();
        UnetBuilder unet = new UnetBuilder(p.unet(), p.latentHeight(), p.latentWidth(), 77);
        List<Checked> out = new ArrayList<>();
        int vocab = DemoVocabulary.vocabSize();
        out.add(one("text_encoder.tflite", recipe.weightFormat(BundleManifest.TEXT_ENCODER), sink,
                f -> new TextEncoderBuilder(p.textEncoder()).build("text_encoder", src.textEncoder(), vocab, f)));
        int i = 0;
        for (UnetBlock b : unet.blocks()) {
            out.add(one(String.format("unet_blocks/%03d_%s.tflite", i++, b.id()), recipe.weightFormat(BundleManifest.UNET), sink,
                    f -> unet.buildBlock(b, src.unet(), f)));
        }
        try {
            out.add(one("unet.tflite", recipe.weightFormat(BundleManifest.UNET), sink, f -> unet.buildWhole("unet", src.unet(), f)));
        } catch (ModelTooLargeException e) {
            // BundleConverter leaves such a whole UNet out as well (fp32 SD-v1.5: 3.4 GB); the block files carry it
        }
        out.add(one("vae_decoder.tflite", recipe.weightFormat(BundleManifest.VAE_DECODER), sink,
                f -> new VaeDecoderBuilder(p.vaeDecoder()).build("vae_decoder", src.vaeDecoder(), p.latentHeight(), p.latentWidth(), f)));
        return out;
    }

    private static Checked one(String file, WeightFormat format, FileChannel sink, Function<WeightFormat, Graph> build) {
        if (sink == null) {
            byte[] bytes = build.apply(format).toFlatbuffer();
            PhoneOpReport r = PhoneOpFloor.check(file, ByteBuffer.wrap(bytes));
            List<OpCode> hand = OpFloor.operatorCodes(file, ByteBuffer.wrap(bytes));
            assertThat(hand).as(file + ": runner's hand reader vs schema classes")
                    .extracting(OpCode::builtin).containsExactlyElementsOf(r.ops().stream().map(PhoneOpReport.OpUse::builtin).toList());
            assertThat(hand).extracting(OpCode::version).containsExactlyElementsOf(r.ops().stream().map(PhoneOpReport.OpUse::written).toList());
            return new Checked(file, r);
        }
        Graph g = build.apply(format.streamingTo(sink));
        g.finishTo();
        return new Checked(file, PhoneOpFloor.check(file, g));
    }

    /** "OP vW→vN" for every understated operator code, over all files. */
    static TreeSet<String> understated(List<Checked> files) {
        TreeSet<String> s = new TreeSet<>();
        for (Checked c : files) {
            for (PhoneOpReport.OpUse u : c.report().ops()) if (u.understated()) s.add(u.op() + " v" + u.written() + "→v" + u.needed());
        }
        return s;
    }

    /** "OP vW" over all files. */
    static TreeSet<String> pairs(List<Checked> files) {
        TreeSet<String> s = new TreeSet<>();
        for (Checked c : files) for (PhoneOpReport.OpUse u : c.report().ops()) s.add(u.op() + " v" + u.written());
        return s;
    }
}
