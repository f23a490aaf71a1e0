package dev.snapfusion.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.source.PipelineSource;
import dev.snapfusion.runner.bundle.OpFloor;
import dev.snapfusion.runner.bundle.OpFloorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * Every graph the converter writes for the demo presets, under every recipe, against TFLite 2.16.1's builtin
 * table (docs/phone-floor.md). The full-size presets get the same check in {@link PhoneFloorFullSizeLargeTest}.
 */
class PhoneFloorGraphsTest {
    /**
     * What TFLite's converter would write higher than the project does (op_version.cc), per recipe: they load on
     * 2.16.1 (same kernels), but readers of the version see a float op. docs/phone-floor.md.
     */
    static final Map<Quantization, Set<String>> UNDERSTATED = Map.of(
            Quantization.FP32, Set.of(),
            Quantization.FP16, Set.of("DEQUANTIZE v1→v3"),
            Quantization.INT8_DYNAMIC, Set.of("CONV_2D v1→v5"),
            // per-channel int8 DEQUANTIZE (v5, registered by 2.16.1: 1..5) since the MUL workaround went (docs/decisions.md)
            Quantization.INT8_WEIGHT, Set.of("DEQUANTIZE v1→v5"));

    @TempDir
    Path dir;

    @Test
    void demoPresets_everyRecipeEveryFile_loadOnTflite2161() throws Exception {
        for (String source : List.of("demo:snapfusion", "demo:sd15")) {
            for (Quantization q : Quantization.values()) {
                List<ConverterGraphs.Checked> files;
                try (PipelineSource src = PipelineSource.open(source)) {
                    files = ConverterGraphs.check(src, q.recipe(), null);
                }
                String what = source + " " + q.cliName();
                assertThat(files).as(what).extracting(ConverterGraphs.Checked::file)
                        .contains("text_encoder.tflite", "unet.tflite", "vae_decoder.tflite", "unet_blocks/000_stem.time_embedding.tflite");
                assertThat(files).as(what).allSatisfy(c -> assertThat(c.report().refusals()).as(c.file()).isEmpty());
                assertThat(ConverterGraphs.understated(files)).as(what).isEqualTo(UNDERSTATED.get(q));
                assertThat(ConverterGraphs.pairs(files)).as(what).allMatch(p -> p.endsWith(" v1"))
                        .contains("CONV_2D v1", "BATCH_MATMUL v1", "SOFTMAX v1", "GATHER v1");
            }
        }
    }

    @Test
    void convert_graphThePhoneLacks_isRefusedNamingFileAndOp_andLeavesNothing() throws Exception {
        List<OpFloor.Range> ranges = new ArrayList<>(OpFloor.phone().ranges().values());
        ranges.removeIf(r -> r.builtin() == BuiltinOperator.SOFTMAX);
        OpFloor saved = BundleConverter.phoneFloor;
        BundleConverter.phoneFloor = OpFloor.of("TFLite without SOFTMAX", ranges);
        try {
            assertThatThrownBy(() -> BundleConverter.convert("demo:snapfusion", Quantization.FP32, dir.resolve("b"), ConvertListener.NONE))
                    .isInstanceOf(OpFloorException.class).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a model that TFLite without SOFTMAX on the phone cannot load")
                    .hasMessageContaining("text_encoder.tflite: SOFTMAX version 1 (TFLite without SOFTMAX registers no such operator)");
        } finally {
            BundleConverter.phoneFloor = saved;
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).as("no bundle, no partial folder").isEmpty();
        }
    }
}
