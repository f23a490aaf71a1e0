package dev.snapfusion.bridge.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfTest {
    @Test
    void fromFloat_fastPath_agreesWithFieldByFieldRoundingEverywhere() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n = 0; n < 2_000_000; n++) {
            int bits = r.nextInt();
            assertThat(Half.fromFloat(Float.intBitsToFloat(bits))).as("bits %08x", bits).isEqualTo(Half.general(bits));
        }
        for (float f : new float[] {65504f, 65519.99f, 65520f, 6.1035156e-5f, 6.1035153e-5f, 1f, -1f, 0.1f, 1e-8f, 0f, -0f,
                Float.NaN, Float.POSITIVE_INFINITY, 2049f, 2051f}) {
            int bits = Float.floatToRawIntBits(f);
            assertThat(Half.fromFloat(f)).as("%s", f).isEqualTo(Half.general(bits));
        }
        // Ties go to even: 2049 lies halfway between the halves 2048 and 2050.
        assertThat(Half.toFloat(Half.fromFloat(2049f))).isEqualTo(2048f);
        assertThat(Half.toFloat(Half.fromFloat(2051f))).isEqualTo(2052f);
        assertThat(Half.toFloat(Half.fromFloat(65519.99f))).isEqualTo(65504f);
        assertThat(Half.toFloat(Half.fromFloat(65520f))).isInfinite();
    }

    @Test
    void encode_bigArray_isLittleEndianHalvesInOrder() {
        float[] v = new float[1 << 20];
        for (int i = 0; i < v.length; i++) v[i] = (i % 1000) / 7f - 50;
        byte[] out = new byte[v.length * 2];
        Half.encode(v, out);
        for (int i = 0; i < v.length; i += 997) {
            short h = (short) ((out[2 * i] & 0xff) | (out[2 * i + 1] << 8));
            assertThat(h).isEqualTo(Half.fromFloat(v[i]));
        }
    }
}
