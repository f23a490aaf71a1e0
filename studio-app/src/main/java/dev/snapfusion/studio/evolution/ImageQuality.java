package dev.snapfusion.studio.evolution;

/**
 * How far one output moved from another: latent cosine, and PSNR and SSIM of the 8-bit RGB images. SSIM follows Wang
 * et al. 2004 (IEEE TIP 13(4)) as their reference ssim.m computes it: L = 255, K1 = 0.01, K2 = 0.03, an 11×11 Gaussian
 * window with σ = 1.5, 'valid' windows only (no padding), the mean over windows; here per colour channel and then
 * averaged over R, G and B (as scikit-image does with {@code channel_axis}). Thread-safe (stateless).
 */
public final class ImageQuality {
    static final int WINDOW = 11;
    static final double SIGMA = 1.5;
    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);
    private static final double[] KERNEL = gaussian();

    private ImageQuality() {
    }

    /** Cosine of the angle between two latents (1 = same direction). */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("latents differ in size: " + a.length + " vs " + b.length);
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 && nb == 0) return 1;
        if (na == 0 || nb == 0) return 0;
        return dot / Math.sqrt(na * nb);
    }

    /** PSNR in dB over all R, G, B samples; +∞ for identical images. {@code rgb}: packed 0xRRGGBB, row-major. */
    public static double psnr(int[] a, int[] b) {
        checkSizes(a, b);
        double se = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                int d = ((a[i] >> shift) & 0xff) - ((b[i] >> shift) & 0xff);
                se += d * d;
            }
        }
        double mse = se / (3.0 * a.length);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Mean SSIM of R, G and B; 1 for identical images. Both images {@code width × height}, at least 11×11. */
    public static double ssim(int width, int height, int[] a, int[] b) {
        checkSizes(a, b);
        if (a.length != width * height) throw new IllegalArgumentException("image is not " + width + "x" + height);
        if (width < WINDOW || height < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW + ", got " + width + "x" + height);
        }
        double sum = 0;
        for (int shift = 0; shift <= 16; shift += 8) sum += ssimChannel(width, height, channel(a, shift), channel(b, shift));
        return sum / 3;
    }

    static double ssimChannel(int w, int h, double[] x, double[] y) {
        double[] xx = new double[x.length], yy = new double[x.length], xy = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] mx = filter(x, w, h), my = filter(y, w, h), sxx = filter(xx, w, h), syy = filter(yy, w, h), sxy = filter(xy, w, h);
        double total = 0;
        for (int i = 0; i < mx.length; i++) {
            double vx = sxx[i] - mx[i] * mx[i], vy = syy[i] - my[i] * my[i], cov = sxy[i] - mx[i] * my[i];
            total += (2 * mx[i] * my[i] + C1) * (2 * cov + C2) / ((mx[i] * mx[i] + my[i] * my[i] + C1) * (vx + vy + C2));
        }
        return total / mx.length;
    }

    /** Separable Gaussian over every 'valid' 11×11 window: (w−10) × (h−10) results. */
    private static double[] filter(double[] img, int w, int h) {
        int ow = w - WINDOW + 1, oh = h - WINDOW + 1;
        double[] rows = new double[ow * h];
        for (int yy = 0; yy < h; yy++)
            for (int xx = 0; xx < ow; xx++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) s += KERNEL[k] * img[yy * w + xx + k];
                rows[yy * ow + xx] = s;
            }
        double[] out = new double[ow * oh];
        for (int yy = 0; yy < oh; yy++)
            for (int xx = 0; xx < ow; xx++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) s += KERNEL[k] * rows[(yy + k) * ow + xx];
                out[yy * ow + xx] = s;
            }
        return out;
    }

    private static double[] gaussian() {
        double[] k = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            k[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += k[i];
        }
        for (int i = 0; i < WINDOW; i++) k[i] /= sum;
        return k;
    }

    private static double[] channel(int[] rgb, int shift) {
        double[] c = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) c[i] = (rgb[i] >> shift) & 0xff;
        return c;
    }

    private static void checkSizes(int[] a, int[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("images differ in size: " + a.length + " vs " + b.length + " pixels");
    }
}
