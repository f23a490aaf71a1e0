package dev.snapfusion.studio.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.bridge.source.PipelineSource;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.ManifestCodec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path removals → preset stages on the demo SnapFusion architecture (docs/evolve.md, "From skips to a preset"). */
class PresetExportTest {
    private static final PipelinePreset BASE = Presets.builtIn("demo:snapfusion");

    @TempDir
    Path dir;

    private static PresetExport export(String... removed) throws Exception {
        return PresetExport.of(BASE, DemoBundle.manifest(), List.of(removed), "demo-evolved");
    }

    @Test
    void of_crossAttentionsAndSecondMidLayer_droppedExactly() throws Exception {
        PresetExport e = export("up.1.cross_attention.5", "down.2.cross_attention.0", "mid.cross_attention.0");
        assertThat(e.kept()).isEmpty();
        assertThat(e.removed()).containsExactly("up.1.cross_attention.5", "down.2.cross_attention.0", "mid.cross_attention.0");
        var s = e.preset().unet().stages();
        assertThat(s.get("up.1")).containsExactly("resnet", "cross_attention", "cross_attention", "cross_attention", "resnet",
                "cross_attention", "cross_attention");
        assertThat(s.get("down.2")).containsExactly("resnet", "cross_attention");
        assertThat(s.get("mid")).containsExactly("resnet");
        assertThat(s.get("up.3")).isEqualTo(BASE.unet().stages().get("up.3"));
    }

    @Test
    void of_downResnetAlone_keptBecauseSkipsWouldNotPairUp() throws Exception {
        PresetExport e = export("down.1.resnet.1");
        assertThat(e.removed()).isEmpty();
        assertThat(e.kept()).containsOnlyKeys("down.1.resnet.1");
        assertThat(e.kept().get("down.1.resnet.1")).contains("skip pairing at resolution level 1");
        assertThat(e.preset().unet().stages()).isEqualTo(BASE.unet().stages());
    }

    @Test
    void of_downAndUpResnetOfOneLevel_bothDropped() throws Exception {
        PresetExport e = export("down.1.resnet.1", "up.2.resnet.2");
        assertThat(e.kept()).isEmpty();
        assertThat(e.preset().unet().stages().get("down.1")).containsExactly("resnet", "cross_attention", "cross_attention");
        assertThat(e.preset().unet().stages().get("up.2")).containsExactly("resnet", "cross_attention", "resnet", "cross_attention",
                "cross_attention");
    }

    @Test
    void of_firstMidResnet_keptUnlessMidIsEmptied() throws Exception {
        PresetExport alone = export("mid.resnet.0");
        assertThat(alone.kept().get("mid.resnet.0")).contains("start with a resnet or be empty");
        PresetExport both = export("mid.resnet.0", "mid.cross_attention.0");
        assertThat(both.kept()).isEmpty();
        assertThat(both.preset().unet().stages().get("mid")).isEmpty();
    }

    @Test
    void write_roundTripsThroughPresetsAndConvertsAndDerives() throws Exception {
        PresetExport e = export("up.1.cross_attention.5", "down.1.resnet.1", "up.2.resnet.2");
        Path file = dir.resolve("demo-evolved.json");
        e.write(file);
        assertThat(Presets.read(file)).isEqualTo(e.preset());
        assertThat(Presets.resolve(file.toString())).isEqualTo(e.preset());
        try (PipelineSource derived = PipelineSource.open("derive:" + file + ":demo:snapfusion")) {
            assertThat(derived.preset().unet().stages()).isEqualTo(e.preset().unet().stages());
        }
        Path out = dir.resolve("bundle");
        BundleConverter.convert(file.toString(), Quantization.FP32, out, ConvertListener.NONE);
        BundleManifest m = ManifestCodec.read(out.resolve("manifest.json"));
        List<String> ids = m.blocks().stream().map(Block::id).toList();
        assertThat(ids).doesNotContain("up.1.cross_attention.5").contains("up.1.cross_attention.4");
        assertThat(ids).hasSize(DemoBundle.manifest().blocks().size() - 3);
    }
}
