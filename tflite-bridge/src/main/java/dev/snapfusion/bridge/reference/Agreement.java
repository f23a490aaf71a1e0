package dev.snapfusion.bridge.reference;

/**
 * How closely an output matches the reference: cosine similarity of the flattened tensors and the largest absolute
 * difference (with the reference's largest magnitude, for scale).
 */
public record Agreement(double cosine, double maxAbsError, double referenceMaxAbs) {
    public static Agreement of(float[] reference, float[] got) {
        if (reference.length != got.length) {
            throw new IllegalArgumentException("lengths differ: reference " + reference.length + ", got " + got.length);
        }
        double ab = 0, aa = 0, bb = 0, max = 0, ref = 0;
        for (int i = 0; i < reference.length; i++) {
            ab += (double) reference[i] * got[i];
            aa += (double) reference[i] * reference[i];
            bb += (double) got[i] * got[i];
            max = Math.max(max, Math.abs((double) reference[i] - got[i]));
            ref = Math.max(ref, Math.abs(reference[i]));
        }
        double cos = aa == 0 && bb == 0 ? 1 : ab / Math.sqrt(aa * bb);
        return new Agreement(cos, max, ref);
    }

    /**
     * Peak signal-to-noise ratio in dB of two 8-bit images (packed 0xRRGGBB ints or any equal-length channel
     * arrays): 10 log10(255² / MSE); infinite when identical.
     */
    public static double psnr8(int[] a, int[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("image sizes differ: " + a.length + " vs " + b.length);
        double se = 0;
        for (int i = 0; i < a.length; i++)
            for (int s = 0; s < 24; s += 8) {
                int d = ((a[i] >> s) & 255) - ((b[i] >> s) & 255);
                se += d * d;
            }
        double mse = se / (3.0 * a.length);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "cosine %.7f, max |err| %.3g (reference max |x| %.3g)", cosine, maxAbsError,
                referenceMaxAbs);
    }
}
