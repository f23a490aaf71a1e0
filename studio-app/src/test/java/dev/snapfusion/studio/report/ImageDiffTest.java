package dev.snapfusion.studio.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageDiffTest {
    private static BufferedImage flat(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, rgb);
        return img;
    }

    private static BufferedImage noise(int w, int h, long seed) {
        java.util.Random r = new java.util.Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt(1 << 24));
        return img;
    }

    @Test
    void identicalImages_infinitePsnr_ssimOne_blackMap() {
        BufferedImage a = noise(32, 32, 1);
        ImageDiff d = ImageDiff.of(a, a);
        assertThat(d.comparable()).isTrue();
        assertThat(d.psnrDb()).isInfinite();
        assertThat(d.ssim()).isCloseTo(1.0, within(1e-12));
        assertThat(d.meanAbsDiff()).isZero();
        assertThat(d.heatMap()).containsOnly(0xFF000000);
    }

    @Test
    void psnr_followsTheMeanSquaredError() {
        // one channel of one pixel off by 255 in a 10×10 image: MSE = 255² / 300, PSNR = 10·log10(300)
        BufferedImage a = flat(10, 10, 0x000000);
        BufferedImage b = flat(10, 10, 0x000000);
        b.setRGB(3, 4, 0xFF0000);
        ImageDiff d = ImageDiff.of(a, b);
        assertThat(d.psnrDb()).isCloseTo(10 * Math.log10(300), within(1e-9));
        assertThat(d.meanAbsDiff()).isCloseTo(255.0 / 300, within(1e-9));
        assertThat(d.heatMap()[4 * 10 + 3]).isEqualTo(ImageDiff.ramp(1.0 / 3));
        assertThat(d.heatMap()[0]).isEqualTo(0xFF000000);
    }

    @Test
    void ssim_dropsWithStructure_andUnrelatedNoiseScoresNearZero() {
        BufferedImage a = noise(48, 48, 1);
        assertThat(ImageDiff.of(a, noise(48, 48, 2)).ssim()).isBetween(-0.1, 0.1);
        BufferedImage shifted = noise(48, 48, 1);
        for (int x = 0; x < 48; x++) shifted.setRGB(x, 0, 0xFFFFFF);   // one bright row
        double s = ImageDiff.of(a, shifted).ssim();
        assertThat(s).isLessThan(1.0).isGreaterThan(0.8);
    }

    @Test
    void differentSizes_areNotCompared() {
        ImageDiff d = ImageDiff.of(flat(8, 8, 0), flat(16, 16, 0));
        assertThat(d.comparable()).isFalse();
        assertThat(d.psnrDb()).isNaN();
        assertThat(d.metrics()).contains("differ in size");
    }

    @Test
    void ramp_goesBlackRedYellowWhite() {
        assertThat(ImageDiff.ramp(0)).isEqualTo(0xFF000000);
        assertThat(ImageDiff.ramp(1.0 / 3)).isEqualTo(0xFFFF0000);
        assertThat(ImageDiff.ramp(2.0 / 3)).isEqualTo(0xFFFFFF00);
        assertThat(ImageDiff.ramp(1)).isEqualTo(0xFFFFFFFF);
        assertThat(ImageDiff.ramp(7)).isEqualTo(0xFFFFFFFF);
    }
}
