package dev.snapfusion.bridge.tflite;

import java.util.stream.IntStream;

/** Weight layout changes between PyTorch and TFLite, fast enough for full-size models. */
public final class Layouts {
    private Layouts() {
    }

    /**
     * PyTorch conv weights OIHW → TFLite OHWI. Output channels go to separate cores for big weights; within
     * one, writes are sequential and reads stay inside that channel's I·H·W block (cache-resident).
     */
    public static float[] oihwToOhwi(float[] oihw, int out, int in, int kh, int kw) {
        if (oihw.length != out * in * kh * kw) {
            throw new IllegalArgumentException("conv weight: " + oihw.length + " values for " + out + "x" + in + "x" + kh + "x" + kw);
        }
        float[] ohwi = new float[oihw.length];
        int kk = kh * kw, per = in * kk;
        IntStream os = IntStream.range(0, out);
        (oihw.length > (1 << 18) ? os.parallel() : os).forEach(o -> {
            int base = o * per;
            for (int yz = 0; yz < kk; yz++) {
                int dst = base + yz * in;
                for (int i = 0; i < in; i++) ohwi[dst + i] = oihw[base + i * kk + yz];
            }
        });
        return ohwi;
    }
}
