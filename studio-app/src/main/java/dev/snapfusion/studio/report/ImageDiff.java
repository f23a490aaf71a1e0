package dev.snapfusion.studio.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * How far apart the two runs' images are: PSNR over RGB, SSIM over luma, and a per-pixel difference heat-map.
 * Images of different sizes are not compared (NaN, and {@link #comparable()} false). Immutable.
 *
 * <p>PSNR = 10·log10(255² / MSE) over all three 8-bit channels; identical images give +∞. SSIM (Wang et al. 2004) on
 * luma Y = 0.299R + 0.587G + 0.114B with an 11×11 Gaussian window (σ = 1.5), K1 = 0.01, K2 = 0.03, L = 255, averaged
 * over every window position that fits (no padding); images smaller than 11 px use one window over the whole image.
 *
 * @param heatMap ARGB pixels of the difference map, row-major, {@code width × height}: the mean absolute channel
 *                difference through a black → red → yellow → white ramp, scaled so that 255 levels is white
 */
public record ImageDiff(int width, int height, double psnrDb, double ssim, double meanAbsDiff, int[] heatMap) {
    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;

    public boolean comparable() {
        return heatMap.length > 0;
    }

    /** Reads both PNGs; an unreadable file is a {@link ComparisonException} naming it. */
    public static ImageDiff of(Path a, Path b) {
        return of(read(a), read(b));
    }

    public static ImageDiff of(BufferedImage a, BufferedImage b) {
        int w = a.getWidth(), h = a.getHeight();
        if (w != b.getWidth() || h != b.getHeight()) return new ImageDiff(0, 0, Double.NaN, Double.NaN, Double.NaN, new int[0]);
        int[] pa = a.getRGB(0, 0, w, h, null, 0, w);
        int[] pb = b.getRGB(0, 0, w, h, null, 0, w);
        double sq = 0, abs = 0;
        int[] heat = new int[w * h];
        double[] ya = new double[w * h], yb = new double[w * h];
        for (int i = 0; i < pa.length; i++) {
            int d = 0;
            for (int shift = 0; shift <= 16; shift += 8) {
                int ca = (pa[i] >> shift) & 0xFF, cb = (pb[i] >> shift) & 0xFF;
                sq += (double) (ca - cb) * (ca - cb);
                d += Math.abs(ca - cb);
            }
            abs += d;
            heat[i] = ramp(d / 3.0 / 255.0);
            ya[i] = luma(pa[i]);
            yb[i] = luma(pb[i]);
        }
        double mse = sq / (3.0 * pa.length);
        double psnr = mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
        return new ImageDiff(w, h, psnr, ssim(ya, yb, w, h), abs / (3.0 * pa.length), heat);
    }

    /** "PSNR 18.2 dB · SSIM 0.710 · mean |Δ| 12.3 of 255", as the HTML report and the workbench show it. */
    public String metrics() {
        if (!comparable()) return "the images differ in size";
        String psnr = Double.isInfinite(psnrDb) ? "identical" : String.format(Locale.ROOT, "PSNR %.1f dB", psnrDb);
        return String.format(Locale.ROOT, "%s · SSIM %.3f · mean |Δ| %.1f of 255", psnr, ssim, meanAbsDiff);
    }

    /** The heat-map as an image, for report files. */
    public BufferedImage heatMapImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, heatMap, 0, width);
        return img;
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    static double ssim(double[] x, double[] y, int w, int h) {
        double c1 = Math.pow(0.01 * 255, 2), c2 = Math.pow(0.03 * 255, 2);
        int win = Math.min(WINDOW, Math.min(w, h));
        double[] g = gaussian(win);
        double total = 0;
        int count = 0;
        for (int top = 0; top + win <= h; top++) {
            for (int left = 0; left + win <= w; left++) {
                double mx = 0, my = 0;
                for (int j = 0; j < win; j++) {
                    for (int i = 0; i < win; i++) {
                        double k = g[j] * g[i];
                        int p = (top + j) * w + left + i;
                        mx += k * x[p];
                        my += k * y[p];
                    }
                }
                double vx = 0, vy = 0, cov = 0;
                for (int j = 0; j < win; j++) {
                    for (int i = 0; i < win; i++) {
                        double k = g[j] * g[i];
                        int p = (top + j) * w + left + i;
                        double dx = x[p] - mx, dy = y[p] - my;
                        vx += k * dx * dx;
                        vy += k * dy * dy;
                        cov += k * dx * dy;
                    }
                }
                total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                count++;
            }
        }
        return total / count;
    }

    private static double[] gaussian(int n) {
        double[] g = new double[n];
        double sum = 0, c = (n - 1) / 2.0;
        for (int i = 0; i < n; i++) {
            g[i] = Math.exp(-(i - c) * (i - c) / (2 * SIGMA * SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < n; i++) g[i] /= sum;
        return g;
    }

    /** 0 → black, 1/3 → red, 2/3 → yellow, 1 → white. */
    static int ramp(double v) {
        double t = Math.max(0, Math.min(1, v)) * 3;
        int r = (int) Math.round(255 * Math.min(1, t));
        int g = (int) Math.round(255 * Math.max(0, Math.min(1, t - 1)));
        int b = (int) Math.round(255 * Math.max(0, Math.min(1, t - 2)));
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private static BufferedImage read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) throw new ComparisonException(file + " is not an image ImageIO can read");
            return img;
        } catch (IOException e) {
            throw new ComparisonException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
