package dev.snapfusion.studio.evolution;

/**
 * How close a run with blocks skipped stays to the full model, averaged over the probe's prompts and seeds.
 *
 * @param cosine latent cosine (1 = unchanged)
 * @param psnr image PSNR in dB, +∞ when every image is unchanged
 * @param ssim image SSIM (1 = unchanged)
 */
public record Quality(double cosine, double psnr, double ssim) {
    public static final Quality UNCHANGED = new Quality(1, Double.POSITIVE_INFINITY, 1);

    /**
     * What the skipped blocks were worth: the mean of the latent's and the image's distance from the full model,
     * {@code ((1 − cosine) + (1 − SSIM)) / 2}, 0 for no change (docs/evolve.md, "Importance").
     */
    public double importance() {
        return Math.max(0, ((1 - cosine) + (1 - ssim)) / 2);
    }

    /** The mean of several samples; PSNR over the samples that changed at all (+∞ if none did). */
    public static Quality mean(java.util.List<Quality> samples) {
        double c = 0, p = 0, s = 0;
        int finite = 0;
        for (Quality q : samples) {
            c += q.cosine;
            s += q.ssim;
            if (!Double.isInfinite(q.psnr)) {
                p += q.psnr;
                finite++;
            }
        }
        int n = samples.size();
        return new Quality(c / n, finite == 0 ? Double.POSITIVE_INFINITY : p / finite, s / n);
    }
}
