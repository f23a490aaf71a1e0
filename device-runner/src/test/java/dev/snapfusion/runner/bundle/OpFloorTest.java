package dev.snapfusion.runner.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpFloorTest {
    private static final int ADD = 0, CONV_2D = 3, DEQUANTIZE = 6, FULLY_CONNECTED = 9, BATCH_MATMUL = 126,
            BROADCAST_TO = 130, GELU = 150, STABLEHLO_COMPOSITE = 206;

    @TempDir
    Path dir;

    @Test
    void phone_table_holdsTheRangesOfTflite2161() {
        OpFloor f = OpFloor.phone();
        assertThat(f.runtime()).isEqualTo("TFLite 2.16.1");
        assertThat(f.ranges()).hasSize(168);
        assertThat(f.ranges().get(FULLY_CONNECTED)).isEqualTo(new OpFloor.Range(FULLY_CONNECTED, "FULLY_CONNECTED", 1, 11));
        assertThat(f.ranges().get(CONV_2D)).isEqualTo(new OpFloor.Range(CONV_2D, "CONV_2D", 1, 8));
        assertThat(f.ranges().get(DEQUANTIZE)).isEqualTo(new OpFloor.Range(DEQUANTIZE, "DEQUANTIZE", 1, 5));
        assertThat(f.ranges().get(BATCH_MATMUL)).isEqualTo(new OpFloor.Range(BATCH_MATMUL, "BATCH_MATMUL", 1, 4));
        assertThat(f.ranges().get(GELU)).isEqualTo(new OpFloor.Range(GELU, "GELU", 1, 2));
        assertThat(f.supports(BROADCAST_TO, 1)).as("version 1 was rolled back").isFalse();
        assertThat(f.supports(BROADCAST_TO, 2)).isTrue();
        assertThat(f.supports(FULLY_CONNECTED, 12)).as("per-channel hybrid FC came after 2.16").isFalse();
        assertThat(f.supports(STABLEHLO_COMPOSITE, 1)).isFalse();
        assertThat(f.name(STABLEHLO_COMPOSITE)).isEqualTo("builtin 206");
    }

    @Test
    void parse_badRow_namesTheLine() {
        assertThatThrownBy(() -> OpFloor.parse("t.tsv", new BufferedReader(new StringReader("# c\n9\tFULLY_CONNECTED\t3\t2\n"))))
                .hasMessageContaining("t.tsv line 2").hasMessageContaining("bad version range");
        assertThatThrownBy(() -> OpFloor.parse("t.tsv", new BufferedReader(new StringReader("9 FULLY_CONNECTED 1 2\n"))))
                .hasMessageContaining("line 1").hasMessageContaining("4 tab-separated fields");
    }

    @Test
    void operatorCodes_handWrittenModel_everyFieldAndDefault() throws Exception {
        byte[] bytes = TinyTflite.model(List.of(
                TinyTflite.Entry.builtin(FULLY_CONNECTED, 3),
                TinyTflite.Entry.builtin(GELU, 2),                        // deprecated 127 placeholder, builtin_code 150
                new TinyTflite.Entry(CONV_2D, null, null, null),          // a pre-2.4 model: no builtin_code, version 1 by default
                new TinyTflite.Entry(null, null, 4, null),                // everything defaulted but the version: ADD
                new TinyTflite.Entry(32, 32, 1, "MyOp")));
        Path file = dir.resolve("m.tflite");
        Files.write(file, bytes);
        List<OpCode> expected = List.of(new OpCode(FULLY_CONNECTED, 3, null), new OpCode(GELU, 2, null),
                new OpCode(CONV_2D, 1, null), new OpCode(ADD, 4, null), new OpCode(OpCode.CUSTOM, 1, "MyOp"));
        assertThat(OpFloor.operatorCodes(file)).isEqualTo(expected);
        assertThat(OpFloor.operatorCodes("m", ByteBuffer.wrap(bytes))).isEqualTo(expected);
    }

    @Test
    void operatorCodes_truncatedOrGarbage_namesTheFile() throws Exception {
        byte[] bytes = TinyTflite.model(List.of(TinyTflite.Entry.builtin(ADD, 1)));
        Path cut = dir.resolve("cut.tflite");
        Files.write(cut, java.util.Arrays.copyOf(bytes, 30));
        assertThatThrownBy(() -> OpFloor.operatorCodes(cut)).isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("cut.tflite").hasMessageContaining("not a TFLite model");
        Path tiny = dir.resolve("tiny.tflite");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> OpFloor.operatorCodes(tiny)).hasMessageContaining("tiny.tflite");
    }

    @Test
    void problems_unregisteredVersionUnknownOpAndCustomOp_eachNamed() {
        List<String> p = OpFloor.phone().problems(List.of(new OpCode(CONV_2D, 8, null), new OpCode(FULLY_CONNECTED, 12, null),
                new OpCode(STABLEHLO_COMPOSITE, 1, null), new OpCode(BROADCAST_TO, 1, null), new OpCode(OpCode.CUSTOM, 1, "MyOp")));
        assertThat(p).containsExactly(
                "FULLY_CONNECTED version 12 (TFLite 2.16.1 registers versions 1–11)",
                "builtin 206 version 1 (TFLite 2.16.1 registers no such operator)",
                "BROADCAST_TO version 1 (TFLite 2.16.1 registers versions 2–3)",
                "custom op 'MyOp' version 1 (the runner registers no custom ops; write it with builtin ops)");
    }

    @Test
    void requireLoadable_bundleWithOneBadModel_namesFileAndOpAndIgnoresOtherFiles() throws Exception {
        Files.write(dir.resolve("good.tflite"), TinyTflite.model(List.of(TinyTflite.Entry.builtin(CONV_2D, 5))));
        Files.createDirectories(dir.resolve("unet_blocks"));
        Files.write(dir.resolve("unet_blocks/007_mid.tflite"), TinyTflite.model(List.of(TinyTflite.Entry.builtin(ADD, 1),
                TinyTflite.Entry.builtin(FULLY_CONNECTED, 12))));
        Files.writeString(dir.resolve("vocab.json"), "{}");
        BundleManifest m = manifest("good.tflite", "unet_blocks/007_mid.tflite", "vocab.json");
        assertThatThrownBy(() -> OpFloor.phone().requireLoadable(dir, m)).isInstanceOf(OpFloorException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir + ": a model that TFLite 2.16.1 on the phone cannot load")
                .hasMessageContaining("unet_blocks/007_mid.tflite: FULLY_CONNECTED version 12 (TFLite 2.16.1 registers versions 1–11)")
                .hasMessageNotContaining("good.tflite")
                .satisfies(e -> assertThat(((OpFloorException) e).problems()).containsOnlyKeys("unet_blocks/007_mid.tflite"));

        BundleManifest ok = manifest("good.tflite", "vocab.json");
        OpFloor.phone().requireLoadable(dir, ok);
    }

    private BundleManifest manifest(String... files) throws Exception {
        List<FileEntry> entries = new ArrayList<>();
        for (String f : files) entries.add(new FileEntry(f, "00".repeat(32), Files.size(dir.resolve(f))));
        BundleManifest s = ManifestCodecTest.sample();
        return new BundleManifest(s.formatVersion(), s.id(), s.variant(), s.source(), s.quantization(), s.predictionType(),
                s.scheduler(), s.defaultSteps(), s.defaultCfg(), s.latentChannels(), s.latentHeight(), s.latentWidth(),
                s.scalingFactor(), s.maxTokens(), s.vocabFile(), s.mergesFile(), s.timeEmbeddingDim(), Map.of(), List.of(), entries);
    }
}
