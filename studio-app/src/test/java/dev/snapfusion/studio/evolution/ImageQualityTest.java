package dev.snapfusion.studio.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageQualityTest {
    @Test
    void ssim_identicalImages_isOneAndPsnrInfinite() {
        int[] img = new int[40 * 30];
        Random r = new Random(3);
        for (int i = 0; i < img.length; i++) img[i] = r.nextInt(1 << 24);
        assertThat(ImageQuality.ssim(40, 30, img, img.clone())).isCloseTo(1.0, within(1e-12));
        assertThat(ImageQuality.psnr(img, img.clone())).isInfinite();
    }

    @Test
    void ssim_twoFlatGreys_matchesHandComputation() {
        // Flat images: every window has σx = σy = σxy = 0, so SSIM = (2·μx·μy + C1) / (μx² + μy² + C1),
        // C1 = (0.01·255)² = 6.5025: (2·100·120 + 6.5025) / (100² + 120² + 6.5025) = 24006.5025 / 24406.5025.
        int[] a = new int[16 * 16], b = new int[16 * 16];
        Arrays.fill(a, 0x646464);
        Arrays.fill(b, 0x787878);
        assertThat(ImageQuality.ssim(16, 16, a, b)).isCloseTo(24006.5025 / 24406.5025, within(1e-12));
        // PSNR: MSE = 20² = 400, 10·log10(255² / 400) = 22.1102 dB.
        assertThat(ImageQuality.psnr(a, b)).isCloseTo(22.11019, within(1e-4));
    }

    @Test
    void ssim_noiseAddedToOneChannel_belowOneAndSymmetric() {
        int[] a = new int[32 * 32], b = new int[32 * 32];
        Random r = new Random(5);
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 32) * 8 << 16 | 0x8080;
            b[i] = a[i] & 0x00ffff | Math.min(255, ((a[i] >> 16) & 0xff) + r.nextInt(40)) << 16;
        }
        double s = ImageQuality.ssim(32, 32, a, b);
        assertThat(s).isLessThan(1).isGreaterThan(2.0 / 3); // G and B are unchanged, so at least 2/3
        assertThat(ImageQuality.ssim(32, 32, b, a)).isCloseTo(s, within(1e-12));
    }

    @Test
    void ssim_smallerThanWindow_refused() {
        assertThatThrownBy(() -> ImageQuality.ssim(10, 10, new int[100], new int[100])).hasMessageContaining("11x11");
    }

    @Test
    void cosine_parallelAndOrthogonal_oneAndZero() {
        assertThat(ImageQuality.cosine(new float[] {1, 2}, new float[] {2, 4})).isCloseTo(1, within(1e-12));
        assertThat(ImageQuality.cosine(new float[] {1, 0}, new float[] {0, 3})).isZero();
    }

    @Test
    void importance_unchangedAndMoved_zeroAndMeanOfDistances() {
        assertThat(Quality.UNCHANGED.importance()).isZero();
        assertThat(new Quality(0.9, 20, 0.7).importance()).isCloseTo(0.2, within(1e-12));
    }
}
