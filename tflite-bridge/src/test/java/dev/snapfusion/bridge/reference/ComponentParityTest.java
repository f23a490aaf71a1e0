package dev.snapfusion.bridge.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertRequest;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.bridge.demo.DemoVocabulary;
import dev.snapfusion.bridge.source.PipelineSource;
import dev.snapfusion.bridge.source.SafetensorsDtype;
import dev.snapfusion.bridge.source.TinyCheckpoints;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.sched.TimestepEmbedding;
import dev.snapfusion.runner.tflite.TfliteModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fp32 component of a converted bundle, run in TFLite 2.6.2, against the plain-Java reference computed from the
 * same checkpoint: the two demo presets (synthetic weights) and a tiny diffusers folder on disk (safetensors, old VAE
 * attention names, read through the folder's name mapping).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComponentParityTest {
    private static final double MIN_COSINE = 0.9999;
    private static final int TIMESTEP = 751;

    @TempDir
    static Path dir;
    private final Map<String, Converted> bundles = new LinkedHashMap<>();
    private final List<String> table = new ArrayList<>();

    private record Converted(String source, PipelineSource src, ConvertedBundle bundle) {
    }

    @BeforeAll
    void convert() throws Exception {
        Path folder = dir.resolve("tiny-sd15-diffusers");
        TinyCheckpoints.diffusers(Presets.builtIn("demo:sd15"), folder, new TinyCheckpoints.Options(SafetensorsDtype.F32, 2, true));
        for (String source : List.of("demo:snapfusion", "demo:sd15", folder.toString())) {
            String key = source.startsWith("demo:") ? source : "diffusers folder (demo:sd15)";
            PipelineSource src = PipelineSource.open(source);
            ConvertedBundle b = BundleConverter.convert(ConvertRequest.of(src, dir.resolve("b" + bundles.size())));
            bundles.put(key, new Converted(source, src, b));
        }
    }

    @AfterAll
    void printAndClose() {
        System.out.println("| source | component | cosine | max abs error | reference max abs |");
        System.out.println("|---|---|---|---|---|");
        table.forEach(System.out::println);
        bundles.values().forEach(c -> c.src().close());
    }

    Stream<String> sources() {
        return Stream.of("demo:snapfusion", "demo:sd15", "diffusers folder (demo:sd15)");
    }

    @ParameterizedTest
    @MethodSource("sources")
    void textEncoder_fp32_matchesReference(String key) {
        Converted c = bundles.get(key);
        PipelinePreset p = c.src().preset();
        int vocab = DemoVocabulary.vocabSize();
        SplittableRandom r = new SplittableRandom(7);
        int[] ids = new int[p.textEncoder().maxPositionEmbeddings()];
        for (int i = 0; i < ids.length; i++) ids[i] = r.nextInt(vocab);
        float[] want = new TextEncoderReference(p.textEncoder(), c.src().textEncoder(), vocab).encode(ids);
        float[] got;
        try (TfliteModel m = load(c, "text_encoder.tflite")) {
            got = m.run((Object) ids)[0];
        }
        check(key, "text_encoder", want, got);
    }

    @ParameterizedTest
    @MethodSource("sources")
    void unetWhole_fp32_matchesReference(String key) {
        Converted c = bundles.get(key);
        PipelinePreset p = c.src().preset();
        int ch = p.unet().inChannels(), h = p.latentHeight(), w = p.latentWidth();
        SplittableRandom r = new SplittableRandom(11);
        Nchw sample = new Nchw(gaussian(r, ch * h * w), ch, h, w);
        float[] context = gaussian(r, 77 * p.unet().crossAttentionDim());
        Nchw want = new UnetReference(p.unet(), c.src().unet()).run(sample, TIMESTEP, context);
        float[] got;
        try (TfliteModel m = load(c, "unet.tflite")) {
            // the runner's own sinusoid: checks it against the reference's diffusers formula too
            float[] temb = TimestepEmbedding.sinusoidal(TIMESTEP, p.unet().blockOutChannels().get(0), true, 0f);
            got = m.run(sample.toNhwc(), temb, context)[0];
        }
        check(key, "unet", want.data(), Nchw.fromNhwc(got, want.c(), want.h(), want.w()).data());
    }

    /** The graphs compose GELU's tanh form (TFLite 2.6.2 has no GELU): most of the UNet's residual error is that. */
    @org.junit.jupiter.api.Test
    void unetWhole_referenceWithTanhGelu_errorShrinks() {
        Converted c = bundles.get("demo:snapfusion");
        PipelinePreset p = c.src().preset();
        int ch = p.unet().inChannels(), h = p.latentHeight(), w = p.latentWidth();
        SplittableRandom r = new SplittableRandom(11);
        Nchw sample = new Nchw(gaussian(r, ch * h * w), ch, h, w);
        float[] context = gaussian(r, 77 * p.unet().crossAttentionDim());
        float[] got;
        try (TfliteModel m = load(c, "unet.tflite")) {
            got = m.run(sample.toNhwc(), TimestepEmbedding.sinusoidal(TIMESTEP, p.unet().blockOutChannels().get(0), true, 0f), context)[0];
        }
        Nchw tanhRef = new UnetReference(p.unet(), c.src().unet(), false).run(sample, TIMESTEP, context);
        Nchw exactRef = new UnetReference(p.unet(), c.src().unet()).run(sample, TIMESTEP, context);
        float[] g = Nchw.fromNhwc(got, tanhRef.c(), tanhRef.h(), tanhRef.w()).data();
        Agreement tanh = Agreement.of(tanhRef.data(), g), exact = Agreement.of(exactRef.data(), g);
        table.add(String.format(java.util.Locale.ROOT, "| demo:snapfusion | unet vs reference with tanh GELU | %.7f (1 - cos = %.1e) | %.3g | %.3g |",
                tanh.cosine(), 1 - tanh.cosine(), tanh.maxAbsError(), tanh.referenceMaxAbs()));
        assertThat(tanh.maxAbsError()).as("tanh-GELU reference: " + tanh + "; exact: " + exact).isLessThan(exact.maxAbsError() / 3);
    }

    @ParameterizedTest
    @MethodSource("sources")
    void unetBlockFiles_fp32_eachMatchesReference(String key) {
        Converted c = bundles.get(key);
        PipelinePreset p = c.src().preset();
        UnetReference ref = new UnetReference(p.unet(), c.src().unet());
        SplittableRandom r = new SplittableRandom(13);
        double worstCos = 1, worstErr = 0;
        String worst = "";
        List<Block> blocks = c.bundle().manifest().blocks();
        assertThat(blocks).hasSizeGreaterThan(10);
        for (Block b : blocks) {
            try (TfliteModel m = load(c, b.file())) {
                Object[] in = new Object[m.inputCount()];
                for (int i = 0; i < in.length; i++) {
                    int n = 1;
                    for (int d : m.inputShape(i)) n *= d;
                    in[i] = gaussian(r, n);
                }
                float[] got = m.run(in)[0];
                float[] want = block(ref, b, m, in, p.unet().crossAttentionDim());
                Agreement a = Agreement.of(want, got);
                assertThat(a.cosine()).as(key + " " + b.file() + ": " + a).isGreaterThanOrEqualTo(MIN_COSINE);
                if (a.cosine() < worstCos) {
                    worstCos = a.cosine();
                    worst = b.id();
                }
                worstErr = Math.max(worstErr, a.maxAbsError());
            }
        }
        table.add(String.format(java.util.Locale.ROOT, "| %s | %d UNet block files (worst: %s) | %.7f (1 - cos = %.1e) | %.3g | |", key,
                blocks.size(), worst, worstCos, 1 - worstCos, worstErr));
    }

    @ParameterizedTest
    @MethodSource("sources")
    void vaeDecoder_fp32_matchesReference(String key) {
        Converted c = bundles.get(key);
        PipelinePreset p = c.src().preset();
        int ch = p.vaeDecoder().latentChannels(), h = p.latentHeight(), w = p.latentWidth();
        Nchw latent = new Nchw(gaussian(new SplittableRandom(17), ch * h * w), ch, h, w);
        Nchw want = new VaeDecoderReference(p.vaeDecoder(), c.src().vaeDecoder()).decode(latent);
        float[] got;
        try (TfliteModel m = load(c, "vae_decoder.tflite")) {
            got = m.run((Object) latent.toNhwc())[0];
        }
        assertThat(want.h()).isEqualTo(8 * h);
        check(key, "vae_decoder", want.data(), Nchw.fromNhwc(got, want.c(), want.h(), want.w()).data());
    }

    /** The reference's computation for one block file, from the block id and its NHWC inputs. */
    private static float[] block(UnetReference ref, Block b, TfliteModel m, Object[] in, int crossDim) {
        String id = b.id();
        if (id.equals("stem.time_embedding")) return ref.timeEmbedding((float[]) in[0]);
        int[] s0 = m.inputShape(0);
        Nchw h = s0.length == 4 ? Nchw.fromNhwc((float[]) in[0], s0[3], s0[1], s0[2]) : null;
        Nchw out;
        if (id.equals("stem.conv_in")) out = ref.convIn(h);
        else if (id.equals("stem.conv_out")) out = ref.convOut(h);
        else if (id.endsWith(".downsample")) out = ref.downsample(level(id), h);
        else if (id.endsWith(".upsample")) out = ref.upsample(level(id), h);
        else {
            String stage = b.stage();
            int index = Integer.parseInt(id.substring(id.lastIndexOf('.') + 1));
            if (id.contains(".resnet.")) {
                Nchw skip = null;
                if (in.length == 3) {
                    int[] s1 = m.inputShape(1);
                    skip = Nchw.fromNhwc((float[]) in[1], s1[3], s1[1], s1[2]);
                }
                out = ref.resnet(stage, index, h, skip, (float[]) in[in.length - 1]);
            } else {
                assertThat(m.inputShape(1)[1]).isEqualTo(crossDim);
                out = ref.crossAttention(stage, index, h, (float[]) in[1]);
            }
        }
        return out.toNhwc();
    }

    private static int level(String id) {
        return Integer.parseInt(id.split("\\.")[1]);
    }

    private void check(String key, String component, float[] want, float[] got) {
        Agreement a = Agreement.of(want, got);
        table.add(String.format(java.util.Locale.ROOT, "| %s | %s | %.7f (1 - cos = %.1e) | %.3g | %.3g |", key, component, a.cosine(), 1 - a.cosine(),
                a.maxAbsError(), a.referenceMaxAbs()));
        assertThat(a.referenceMaxAbs()).as(component + " output is not trivially zero").isGreaterThan(1e-3);
        assertThat(a.cosine()).as(key + " " + component + ": " + a).isGreaterThanOrEqualTo(MIN_COSINE);
    }

    private static TfliteModel load(Converted c, String file) {
        return TfliteModel.load(c.bundle().dir().resolve(file).toFile(), 2, true);
    }

    static float[] gaussian(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
        }
        return v;
    }
}
