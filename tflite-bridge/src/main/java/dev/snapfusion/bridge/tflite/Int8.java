package dev.snapfusion.bridge.tflite;

import java.nio.ByteBuffer;

/**
 * Symmetric int8 quantization (zero point 0, values in [-127, 127]), per tensor or per output channel
 * (axis 0: O of OHWI convs, out of [out, in] linears), as TFLite's hybrid kernels require.
 */
public final class Int8 {
    private Int8() {
    }

    /** Scales: one per channel along axis 0, or a single one. An all-zero channel gets scale 1. */
    public static float[] scales(float[] w, int channels, boolean perChannel) {
        int n = perChannel ? channels : 1;
        int per = w.length / n;
        float[] s = new float[n];
        for (int c = 0; c < n; c++) {
            float max = 0;
            for (int i = c * per, e = i + per; i < e; i++) max = Math.max(max, Math.abs(w[i]));
            s[c] = max == 0 ? 1f : max / 127f;
        }
        return s;
    }

    public static ByteBuffer quantize(float[] w, float[] scales) {
        ByteBuffer b = ByteBuffer.allocate(w.length);
        int per = w.length / scales.length;
        for (int i = 0; i < w.length; i++) {
            int q = Math.round(w[i] / scales[i / per]);
            b.put((byte) Math.max(-127, Math.min(127, q)));
        }
        return b.flip();
    }
}
