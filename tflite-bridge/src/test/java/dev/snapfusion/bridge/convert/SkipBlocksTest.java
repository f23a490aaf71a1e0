package dev.snapfusion.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleFormatException;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.noise.Npy;
import dev.snapfusion.runner.noise.PortableNoise;
import dev.snapfusion.runner.pipeline.BlockSkips;
import dev.snapfusion.runner.pipeline.Pipeline;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import dev.snapfusion.runner.sched.DiffusionScheduler;
import dev.snapfusion.runner.sched.PredictionType;
import dev.snapfusion.runner.sched.SchedulerParams;
import dev.snapfusion.runner.sched.Schedulers;
import dev.snapfusion.runner.sched.TimestepEmbedding;
import dev.snapfusion.runner.text.ClipTokenizer;
import dev.snapfusion.runner.tflite.TfliteModel;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request {@code skip_blocks}: the runner's blockwise UNet with a block skipped equals a block chain written here with
 * that block's function replaced by identity (its first input passed through, stored under its output name and id).
 * One DDIM step without guidance on the demo SnapFusion bundle, so one UNet call decides the latents.
 */
class SkipBlocksTest {
    private static final String PROMPT = "a red circle on a blue background";
    private static final long SEED = 7;
    /** Its id is the skip that up.2's middle resnet reads (docs/architectures.md): identity must still resolve it. */
    private static final String SKIPPED = "down.1.cross_attention.0";

    @TempDir
    static Path dir;
    static Path bundle;
    static BundleManifest manifest;

    @BeforeAll
    static void convert() throws Exception {
        bundle = dir.resolve("sf");
        BundleConverter.convert("demo:snapfusion", Quantization.FP32, bundle, ConvertListener.NONE);
        manifest = ManifestCodec.read(bundle.resolve("manifest.json"));
    }

    @Test
    void run_oneBlockSkipped_latentsEqualManualChainWithIdentity() throws Exception {
        assertThat(manifest.blocks().stream().filter(b -> b.inputs().contains(SKIPPED)).toList())
                .as("an up resnet reads the skipped block's id").isNotEmpty();
        float[] got = runnerLatents(List.of(SKIPPED), "skip");
        float[] want = manualLatents(SKIPPED);
        float[] full = runnerLatents(List.of(), "full");
        double maxErr = 0, moved = 0;
        for (int i = 0; i < want.length; i++) {
            maxErr = Math.max(maxErr, Math.abs(got[i] - want[i]));
            moved = Math.max(moved, Math.abs(full[i] - want[i]));
        }
        assertThat(moved).as("skipping the block changes the latents").isGreaterThan(1e-4);
        assertThat(maxErr).as("runner with skip vs manual identity chain").isLessThanOrEqualTo(1e-6);
    }

    @Test
    void run_skipsAChannelChangingBlock_refusedNamingBlockAndShapes() {
        assertThatThrownBy(() -> runnerLatents(List.of("down.1.resnet.0"), "bad"))
                .isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("down.1.resnet.0").hasMessageContaining("cannot be skipped").hasMessageContaining("[1, 8, 8, 32]");
    }

    @Test
    void run_skipsUnknownBlock_refusedNamingIt() {
        assertThatThrownBy(() -> runnerLatents(List.of("down.9.resnet.0"), "unknown"))
                .isInstanceOf(BundleFormatException.class).hasMessageContaining("'down.9.resnet.0'");
    }

    @Test
    void whyFixed_demoBundle_stemSamplersAndChannelChangersFixedOthersSkippable() {
        Map<String, String> why = new HashMap<>();
        for (Block b : manifest.blocks()) {
            try (TfliteModel m = TfliteModel.load(new File(bundle.toFile(), b.file()), 1, false)) {
                why.put(b.id(), BlockSkips.whyFixed(b, m));
            }
        }
        assertThat(why.get("stem.conv_in")).contains("stem");
        assertThat(why.get("down.0.downsample")).contains("downsample");
        assertThat(why.get("down.1.resnet.0")).contains("changes channels");
        assertThat(why.get("up.3.resnet.0")).contains("changes channels");
        assertThat(why.get("down.0.resnet.0")).isNull();
        assertThat(why.get("down.1.resnet.1")).isNull();
        assertThat(why.get("up.1.cross_attention.5")).isNull();
        assertThat(why.get("mid.resnet.0")).isNull();
    }

    private static float[] runnerLatents(List<String> skip, String name) throws Exception {
        Path out = dir.resolve(name);
        new Pipeline(new RunnerEventWriter(new PrintStream(OutputStream.nullOutputStream()))).run(new RunRequest(bundle.toString(),
                out.toString(), PROMPT, "", SEED, 1, 1.0, RunMode.BLOCKWISE, 1, true, null).withSkipBlocks(skip));
        return Npy.read(out.resolve("latents.npy").toFile(), new int[] {1, 4, 16, 16});
    }

    private static float[] manualLatents(String skipped) throws Exception {
        ClipTokenizer tok = ClipTokenizer.load(bundle.resolve("tokenizer/vocab.json").toFile(), bundle.resolve("tokenizer/merges.txt").toFile());
        float[] context;
        try (TfliteModel text = TfliteModel.load(bundle.resolve("text_encoder.tflite").toFile(), 1, true)) {
            context = text.run((Object) tok.encode(PROMPT, 77))[0];
        }
        DiffusionScheduler sched = Schedulers.create("ddim", SchedulerParams.from(manifest.scheduler()),
                PredictionType.parse(manifest.predictionType()));
        int t = sched.timesteps(1)[0];
        float[] x = nhwc(PortableNoise.gaussian(SEED, 4 * 16 * 16));
        Map<String, float[]> env = new HashMap<>();
        env.put("sample", sched.scaleModelInput(x, t));
        env.put("t_emb", TimestepEmbedding.sinusoidal(t, manifest.timeEmbeddingDim(), true, 0f));
        env.put("context", context);
        for (Block b : manifest.blocks()) {
            Object[] in = b.inputs().stream().map(env::get).toArray();
            float[] out;
            if (b.id().equals(skipped)) {
                out = (float[]) in[0];
            } else {
                try (TfliteModel m = TfliteModel.load(new File(bundle.toFile(), b.file()), 1, true)) {
                    out = m.run(in)[0];
                }
            }
            env.put(b.outputs().get(0), out);
            env.put(b.id(), out);
        }
        sched.step(env.get("out"), t, x, 1);
        return nchw(x);
    }

    private static float[] nhwc(float[] nchw) {
        float[] out = new float[nchw.length];
        for (int c = 0; c < 4; c++)
            for (int y = 0; y < 16; y++)
                for (int x = 0; x < 16; x++) out[(y * 16 + x) * 4 + c] = nchw[(c * 16 + y) * 16 + x];
        return out;
    }

    private static float[] nchw(float[] nhwc) {
        float[] out = new float[nhwc.length];
        for (int c = 0; c < 4; c++)
            for (int y = 0; y < 16; y++)
                for (int x = 0; x < 16; x++) out[(c * 16 + y) * 16 + x] = nhwc[(y * 16 + x) * 4 + c];
        return out;
    }
}
