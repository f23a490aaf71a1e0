package dev.snapfusion.bridge.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LayoutsTest {
    @Test
    void oihwToOhwi_smallAndParallelSizes_matchTheIndexFormula() {
        for (int[] d : new int[][] {{4, 3, 3, 2}, {96, 320, 3, 3}}) {
            int out = d[0], in = d[1], kh = d[2], kw = d[3];
            float[] oihw = new float[out * in * kh * kw];
            for (int i = 0; i < oihw.length; i++) oihw[i] = i * 0.5f;
            float[] ohwi = Layouts.oihwToOhwi(oihw, out, in, kh, kw);
            for (int o = 0; o < out; o++)
                for (int i = 0; i < in; i++)
                    for (int y = 0; y < kh; y++)
                        for (int x = 0; x < kw; x++) {
                            assertThat(ohwi[((o * kh + y) * kw + x) * in + i]).isEqualTo(oihw[((o * in + i) * kh + y) * kw + x]);
                        }
        }
    }

    @Test
    void oihwToOhwi_wrongLength_namesTheShape() {
        assertThatThrownBy(() -> Layouts.oihwToOhwi(new float[5], 2, 1, 1, 2)).hasMessageContaining("2x1x1x2");
    }
}
