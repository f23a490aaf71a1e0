package dev.snapfusion.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BlockKind;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.pipeline.Pipeline;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Converts the built-in demo pipelines and runs them with the runner's pipeline on this JVM. */
class DemoBundleEndToEndTest {
    @TempDir
    Path dir;

    private static Set<String> stagesWith(BundleManifest m, BlockKind kind) {
        return m.blocks().stream().filter(b -> b.kind() == kind).map(Block::stage).collect(Collectors.toSet());
    }

    @Test
    void convert_demoPresets_blockTablesFollowTheirArchitectures() throws Exception {
        BundleManifest sf = BundleConverter.convert("demo:snapfusion", Quantization.FP32, dir.resolve("sf"), ConvertListener.NONE).manifest();
        BundleManifest sd = BundleConverter.convert("demo:sd15", Quantization.FP32, dir.resolve("sd"), ConvertListener.NONE).manifest();

        assertThat(stagesWith(sf, BlockKind.CROSS_ATTENTION)).doesNotContain("down.0", "up.3");
        assertThat(stagesWith(sd, BlockKind.CROSS_ATTENTION)).contains("down.0", "up.3");
        assertThat(sf.blocks().stream().filter(b -> b.stage().equals("up.1") && b.kind() == BlockKind.CROSS_ATTENTION)).hasSize(6);
        assertThat(sf.predictionType()).isEqualTo("v_prediction");
        assertThat(sd.predictionType()).isEqualTo("epsilon");
        // Half-channel decoder: about a quarter of the parameters.
        double ratio = (double) sf.component("vae_decoder").params() / sd.component("vae_decoder").params();
        assertThat(ratio).isBetween(0.2, 0.3);
        assertThat(ManifestCodec.read(dir.resolve("sf/manifest.json"))).isEqualTo(sf);
        for (var f : sf.files()) assertThat(Files.size(dir.resolve("sf").resolve(f.path()))).isEqualTo(f.size());
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sf", "sd");
        }
    }

    @Test
    void pipeline_blockwiseAndWhole_sameImageAndTimingsPerBlock() throws Exception {
        BundleConverter.convert("demo:snapfusion", Quantization.FP32, dir.resolve("sf"), ConvertListener.NONE);
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        Pipeline p = new Pipeline(new RunnerEventWriter(new PrintStream(events, true, "UTF-8")));
        RunTimings blockwise = p.run(new RunRequest(dir.resolve("sf").toString(), dir.resolve("run1").toString(),
                "a photo of a cat", "", 42, 3, 7.5, RunMode.BLOCKWISE, 2, true, null));
        RunTimings whole = p.run(new RunRequest(dir.resolve("sf").toString(), dir.resolve("run2").toString(),
                "a photo of a cat", "", 42, 3, 7.5, RunMode.WHOLE, 2, true, null));

        BufferedImage a = ImageIO.read(dir.resolve("run1/image.png").toFile());
        BufferedImage b = ImageIO.read(dir.resolve("run2/image.png").toFile());
        assertThat(a.getWidth()).isEqualTo(128);
        int maxDiff = 0;
        Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < 128; y++)
            for (int x = 0; x < 128; x++) {
                colours.add(a.getRGB(x, y));
                for (int sh = 0; sh < 24; sh += 8) {
                    maxDiff = Math.max(maxDiff, Math.abs(((a.getRGB(x, y) >> sh) & 255) - ((b.getRGB(x, y) >> sh) & 255)));
                }
            }
        assertThat(colours.size()).as("image is not constant").isGreaterThan(100);
        assertThat(maxDiff).as("blockwise equals whole up to float rounding").isLessThanOrEqualTo(1);
        assertThat(blockwise.blocks()).isNotEmpty().allSatisfy(t -> assertThat(t.ms()).isPositive());
        assertThat(whole.blocks()).isEmpty();
        assertThat(blockwise.unetPerStepMs()).hasSize(3).allSatisfy(ms -> assertThat(ms).isPositive());
        assertThat(blockwise.blockwiseSumOverWhole()).isPositive();
        assertThat(events.toString("UTF-8").lines().filter(l -> l.contains("\"event\":\"step\""))).hasSize(6);
    }

    @Test
    void pipeline_bundleWithoutWholeUnet_runsBlockByBlockWithNotice() throws Exception {
        Path sf = dir.resolve("sf");
        BundleManifest full = BundleConverter.convert("demo:snapfusion", Quantization.FP32, sf, ConvertListener.NONE).manifest();
        java.util.Map<String, dev.snapfusion.runner.bundle.Component> comps = new java.util.HashMap<>(full.components());
        String unetFile = comps.remove(BundleManifest.UNET).file();
        Files.delete(sf.resolve(unetFile));
        BundleManifest m = full.toBuilder().components(comps)
                .files(full.files().stream().filter(f -> !f.path().equals(unetFile)).toList()).build();
        ManifestCodec.write(m, sf.resolve("manifest.json"));

        ByteArrayOutputStream events = new ByteArrayOutputStream();
        RunTimings t = new Pipeline(new RunnerEventWriter(new PrintStream(events, true, "UTF-8"))).run(new RunRequest(
                sf.toString(), dir.resolve("run").toString(), "a cat", "", 1, 2, 7.5, RunMode.WHOLE, 1, true, null));

        assertThat(t.mode()).isEqualTo("blockwise");
        assertThat(t.blocks()).hasSameSizeAs(m.blocks()).allSatisfy(b -> assertThat(b.ms()).isPositive());
        assertThat(Double.isNaN(t.blockwiseSumOverWhole())).isTrue();
        assertThat(events.toString("UTF-8")).contains("\"code\":\"no_whole_unet\"");
        assertThat(dir.resolve("run/image.png")).exists();
    }

    @Test
    void convert_unknownSourceAndFolder_clearErrors() {
        assertThatThrownBy(() -> BundleConverter.convert("demo:nope", Quantization.FP32, dir.resolve("x"), ConvertListener.NONE))
                .hasMessageContaining("demo:nope").hasMessageContaining("demo:snapfusion");
        assertThatThrownBy(() -> BundleConverter.convert(dir.toString(), Quantization.FP32, dir.resolve("x"), ConvertListener.NONE))
                .hasMessageContaining("is a folder");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
