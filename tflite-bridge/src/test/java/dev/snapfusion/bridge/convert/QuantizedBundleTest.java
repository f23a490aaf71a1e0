package dev.snapfusion.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.quant.QuantException;
import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.quant.Scheme;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.FileEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizedBundleTest {
    @TempDir
    Path dir;

    @Test
    void convert_int8DynamicWithKeptStem_reportHasParitySizesAndPerBlockFlops() throws Exception {
        QuantRecipe r = QuantRecipe.of(Scheme.INT8_DYNAMIC).keepFp32("stem.conv_in", "stem.conv_out");
        ConvertedBundle b = BundleConverter.convert(ConvertRequest.of("synthetic:demo:snapfusion", dir.resolve("q")).recipe(r).imageParity(false));
        BundleManifest m = b.manifest();
        assertThat(m.quantization()).isEqualTo("int8-dynamic");
        Map<String, Long> sizes = m.files().stream().collect(Collectors.toMap(FileEntry::path, FileEntry::size));
        assertThat(sizes).containsKey(ConversionReport.FILE_NAME);

        ConversionReport rep = ConversionReport.read(dir.resolve("q").resolve(ConversionReport.FILE_NAME));
        assertThat(rep.recipe()).contains("int8-dynamic", "stem.conv_in=fp32");
        Map<String, ConversionReport.Entry> byName = rep.components().stream()
                .collect(Collectors.toMap(ConversionReport.Entry::name, e -> e));
        assertThat(byName).containsKeys("text_encoder", "unet", "vae_decoder", "unet_blocks");
        ConversionReport.Entry unet = byName.get("unet");
        assertThat(unet.bytes()).isEqualTo(sizes.get("unet.tflite"));
        assertThat(unet.paramsByStorage()).containsKeys("int8_hybrid_per_channel", "fp32").doesNotContainKey("int8_hybrid_per_tensor");
        // int8-dynamic writes per-channel linears as 1x1 CONV_2D (docs/quantization.md).
        assertThat(unet.opsByType()).containsKeys("CONV_2D", "BATCH_MATMUL", "SOFTMAX").doesNotContainKeys("FULLY_CONNECTED", "GATHER");
        assertThat(unet.flopsByBlock()).containsKeys("stem.conv_in", "mid.cross_attention.0", "stem.conv_out");
        assertThat(unet.flopsByBlock().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(unet.flops());
        for (String c : new String[] {"text_encoder", "unet", "vae_decoder"}) {
            ConversionReport.Parity p = byName.get(c).parity();
            assertThat(p).as(c).isNotNull();
            assertThat(p.cosine()).as(c).isGreaterThan(0.99).isLessThanOrEqualTo(1.0000001);
            assertThat(p.maxAbsError()).as(c).isGreaterThan(0);
        }
        // The kept stem conv is fp32 in its own block file: 4 bytes a parameter plus tables.
        var stem = m.blocks().stream().filter(x -> x.id().equals("stem.conv_in")).findFirst().orElseThrow();
        assertThat(sizes.get(stem.file())).isGreaterThan(4 * stem.params());
        var down = m.blocks().stream().filter(x -> x.id().equals("down.1.resnet.0")).findFirst().orElseThrow();
        assertThat(sizes.get(down.file())).isLessThan(2 * down.params());
    }

    @Test
    void convert_fp16_parityAboveFourNines_andFp32HasNoParity() throws Exception {
        ConvertedBundle h = BundleConverter.convert(ConvertRequest.of("synthetic:demo:sd15", dir.resolve("h")).quantization(Quantization.FP16).imageParity(false));
        for (ConversionReport.Entry e : h.report().components()) {
            if (e.name().equals("unet_blocks")) continue;
            assertThat(e.parity().cosine()).as(e.name()).isGreaterThan(0.9999);
        }
        ConvertedBundle f = BundleConverter.convert("synthetic:demo:sd15", Quantization.FP32, dir.resolve("f"), ConvertListener.NONE);
        assertThat(f.report().components()).allSatisfy(e -> assertThat(e.parity()).isNull());
        long fp32 = f.report().components().get(1).bytes(), fp16 = h.report().components().get(1).bytes();
        assertThat((double) fp16 / fp32).isBetween(0.45, 0.6);
        try (var s = Files.walk(dir)) {
            assertThat(s.map(Path::toString).filter(p -> p.contains("partial") || p.contains("parity"))).isEmpty();
        }
    }

    @Test
    void convert_unsupportedRecipe_isRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> BundleConverter.convert(ConvertRequest.of("synthetic:demo:sd15", dir.resolve("x"))
                .recipe(QuantRecipe.of(Scheme.INT8_DYNAMIC).granularity(dev.snapfusion.bridge.quant.OpKind.BATCH_MATMUL,
                        dev.snapfusion.bridge.quant.Granularity.PER_TENSOR))))
                .isInstanceOf(QuantException.class);
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
