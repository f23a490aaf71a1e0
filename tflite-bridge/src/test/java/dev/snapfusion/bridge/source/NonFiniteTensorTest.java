package dev.snapfusion.bridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NonFiniteTensorTest {
    @TempDir
    Path dir;

    @Test
    void scan_nanAndBothInfinities_countsThemAndTheFirstIndex() {
        float[] v = {1, -0f, Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY, 2, Float.NEGATIVE_INFINITY, Float.NaN};
        assertThat(NonFiniteTensor.scan("unet", "conv_in.weight", v))
                .isEqualTo(new NonFiniteTensor("unet", "conv_in.weight", 2, 2, 3));
    }

    @Test
    void scan_allFinite_isNull() {
        assertThat(NonFiniteTensor.scan("unet", "w", new float[] {0, -Float.MAX_VALUE, Float.MIN_VALUE})).isNull();
        assertThat(NonFiniteTensor.scan("unet", "w", new float[0])).isNull();
    }

    @Test
    void summary_onlyInf_leavesNanOut() {
        assertThat(new NonFiniteTensor("vae", "decoder.conv_in.bias", 0, 3, 7).summary())
                .isEqualTo("vae: decoder.conv_in.bias (3 Inf, first at index 7)");
    }

    @Test
    void list_twelveTensors_namesTenAndCountsTheRest() {
        List<NonFiniteTensor> l = new ArrayList<>();
        for (int i = 0; i < 12; i++) l.add(new NonFiniteTensor("unet", "t" + i, 1, 0, 0));
        String s = NonFiniteTensor.list(l);
        assertThat(s).contains("unet: t0 (1 NaN, first at index 0)", "t9 (").doesNotContain("t10", "t11").endsWith("; and 2 more");
    }

    @Test
    void strict_renamedTensorReadTwice_recordedOnceUnderItsStoredName() throws Exception {
        Path f = dir.resolve("m.safetensors");
        new SafetensorsWriter().add("old.w", SafetensorsDtype.BF16, new int[] {3}, new float[] {1, Float.NaN, Float.NEGATIVE_INFINITY})
                .add("old.ok", SafetensorsDtype.F32, new int[] {1}, new float[] {4}).write(f);
        try (SafetensorsCheckpoint c = SafetensorsCheckpoint.open(f)) {
            StrictCheckpoint s = new StrictCheckpoint("vae", new RenamedCheckpoint(c, "", n -> true, n -> n.replace("old.", "new.")),
                    n -> false);
            s.tensor("new.w", 3);
            s.tensor("new.w", 3);
            s.tensor("new.ok", 1);
            assertThat(s.nonFinite()).containsExactly(new NonFiniteTensor("vae", "old.w", 1, 1, 1));
        }
    }
}
