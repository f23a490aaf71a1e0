package dev.snapfusion.bridge.toy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.reference.Nchw;
import dev.snapfusion.bridge.reference.TextEncoderReference;
import dev.snapfusion.bridge.reference.UnetReference;
import dev.snapfusion.bridge.reference.VaeDecoderReference;
import dev.snapfusion.bridge.source.PipelineSource;
import dev.snapfusion.bridge.source.SafetensorsCheckpoint;
import dev.snapfusion.bridge.source.ToyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trained toy pair (assets, dev/snapfusion/assets/models) against the trainer: tools/toy-train/golden.py ran the trainer's PyTorch modules
 * on fixed inputs with the shipped weights; the converter's reference ops must give the same outputs. A difference here
 * means the trainer and the converter compute different networks, and the shipped weights would draw noise.
 */
class ToyModelsGoldenTest {
    static Stream<Arguments> folders() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (String v : List.of("sd15", "snapfusion")) {
            var golden = ToyModelsGoldenTest.class.getResource("/toy-golden/" + v + ".safetensors");
            assertThat(golden).as("golden file of " + v + " (tools/toy-train/golden.py)").isNotNull();
            out.add(Arguments.of(ToyModels.folder("demo:" + v), Path.of(golden.toURI())));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("folders")
    void referenceOps_matchTheTrainer(Path folder, Path golden) {
        try (PipelineSource src = PipelineSource.open(folder.toString()); SafetensorsCheckpoint g = SafetensorsCheckpoint.open(golden)) {
            PipelinePreset p = src.preset();
            int n = p.textEncoder().maxPositionEmbeddings();
            float[] idsF = g.tensor("input_ids", 1, n);
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) ids[i] = Math.round(idsF[i]);
            int vocab = src.textEncoder() instanceof dev.snapfusion.bridge.source.NamedCheckpoint nc
                    ? nc.shape("text_model.embeddings.token_embedding.weight")[0] : 1000;
            float[] ctx = new TextEncoderReference(p.textEncoder(), src.textEncoder(), vocab).encode(ids);
            float[] wantCtx = g.tensor("context", 1, n, p.textEncoder().hiddenSize());
            assertClose("context", ctx, wantCtx);

            int h = p.latentHeight(), w = p.latentWidth();
            Nchw sample = new Nchw(g.tensor("sample", 1, 4, h, w), 4, h, w);
            Nchw out = new UnetReference(p.unet(), src.unet()).run(sample, 500, wantCtx);
            assertClose("unet", out.data(), g.tensor("unet_out", 1, 4, h, w));

            Nchw latent = new Nchw(g.tensor("latent", 1, 4, h, w), 4, h, w);
            Nchw image = new VaeDecoderReference(p.vaeDecoder(), src.vaeDecoder()).decode(latent);
            assertClose("image", image.data(), g.tensor("image", 1, 3, 8 * h, 8 * w));
        }
    }

    private static void assertClose(String what, float[] got, float[] want) {
        assertThat(got).as(what).hasSize(want.length);
        double maxAbs = 0, maxDiff = 0;
        for (int i = 0; i < got.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(want[i]));
            maxDiff = Math.max(maxDiff, Math.abs(got[i] - want[i]));
        }
        System.out.printf("%s: max |diff| %.3g of max |value| %.3g%n", what, maxDiff, maxAbs);
        assertThat(maxDiff).as(what + ": max |diff| against the trainer").isLessThan(1e-3 * Math.max(1, maxAbs));
    }
}
