package dev.snapfusion.bridge.reference;

/**
 * One feature map of batch 1 in PyTorch's NCHW layout: {@code data[(c * h + y) * w + x]}.
 * TFLite graphs use NHWC; {@link #fromNhwc} and {@link #toNhwc} convert.
 */
public record Nchw(float[] data, int c, int h, int w) {
    public Nchw {
        if (data.length != c * h * w) {
            throw new IllegalArgumentException("NCHW data of length " + data.length + " for shape [1," + c + "," + h + "," + w + "]");
        }
    }

    public static Nchw fromNhwc(float[] nhwc, int c, int h, int w) {
        float[] out = new float[nhwc.length];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int k = 0; k < c; k++) out[(k * h + y) * w + x] = nhwc[(y * w + x) * c + k];
        return new Nchw(out, c, h, w);
    }

    public float[] toNhwc() {
        float[] out = new float[data.length];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int k = 0; k < c; k++) out[(y * w + x) * c + k] = data[(k * h + y) * w + x];
        return out;
    }
}
