package dev.snapfusion.bridge.toy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ToyJudgeTest {
    private record Score(int n, int background, int color, int shape) {
        double pct(int k) {
            return 100.0 * k / n;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d images: background %.2f %%, colour %.2f %%, shape %.2f %%", n, pct(background),
                    pct(color), pct(shape));
        }
    }

    private interface Corruption {
        RgbImage apply(RgbImage img, long seed);
    }

    private static Score score(ToySplit split, int count, int size, Corruption corruption) {
        int bg = 0, color = 0, shape = 0;
        for (long i = 0; i < count; i++) {
            ToyScene s = ToyWorld.sample(split, i);
            ToyVerdict v = ToyJudge.judge(corruption.apply(s.render(size), s.seed()), s.caption());
            if (v.backgroundOk()) bg++;
            if (v.colorOk()) color++;
            if (v.shapeOk()) shape++;
        }
        Score sc = new Score(count, bg, color, shape);
        System.out.printf(Locale.ROOT, "judge on %s %dx%d: %s%n", split.wireName(), size, size, sc);
        return sc;
    }

    private static void assertAllAtLeast(Score s, double pct) {
        assertThat(s.pct(s.background())).as("background, %s", s).isGreaterThanOrEqualTo(pct);
        assertThat(s.pct(s.color())).as("colour, %s", s).isGreaterThanOrEqualTo(pct);
        assertThat(s.pct(s.shape())).as("shape, %s", s).isGreaterThanOrEqualTo(pct);
    }

    @Test
    void judge_groundTruth64_atLeast99PercentOnEveryField() {
        assertAllAtLeast(score(ToySplit.EVAL, 336, 64, (img, seed) -> img), 99);
        assertAllAtLeast(score(ToySplit.TRAIN, 500, 64, (img, seed) -> img), 99);
    }

    @Test
    void judge_groundTruth256_atLeast99PercentOnEveryField() {
        assertAllAtLeast(score(ToySplit.EVAL, 168, 256, (img, seed) -> img), 99);
    }

    @Test
    void judge_gaussianNoiseSigma01_stillAtLeast98Percent() {
        assertAllAtLeast(score(ToySplit.EVAL, 168, 64, (img, seed) -> noisy(img, 0.1, seed)), 98);
        assertAllAtLeast(score(ToySplit.EVAL, 168, 256, (img, seed) -> noisy(img, 0.1, seed)), 98);
    }

    /** Soft edges, as a VAE decoder gives, move the fill ratio a little; the cuts leave room for that. */
    @Test
    void judge_boxBlurredEdges_stillAtLeast95Percent() {
        assertAllAtLeast(score(ToySplit.EVAL, 168, 256, (img, seed) -> blur(img, 2)), 95);
    }

    @Test
    void judge_captionNamesTheWrongShape_onlyShapeNotOk() {
        ToyScene square = firstWith(ToyShape.SQUARE);
        ToyCaption says = new ToyCaption(square.caption().color(), ToyShape.CIRCLE, square.caption().background());
        ToyVerdict v = ToyJudge.judge(square.render(64), says);
        assertThat(v.shapeOk()).isFalse();
        assertThat(v.detected().shape()).isEqualTo(ToyShape.SQUARE);
        assertThat(v.colorOk()).isTrue();
        assertThat(v.backgroundOk()).isTrue();
    }

    @Test
    void judge_captionSwapsTheColours_colourAndBackgroundNotOk() {
        ToyScene s = firstWith(ToyShape.TRIANGLE);
        ToyCaption swapped = new ToyCaption(s.caption().background(), ToyShape.TRIANGLE, s.caption().color());
        ToyVerdict v = ToyJudge.judge(s.render(256), swapped);
        assertThat(v.colorOk()).isFalse();
        assertThat(v.backgroundOk()).isFalse();
        assertThat(v.colorsOk()).isFalse();
        assertThat(v.shapeOk()).isTrue();
    }

    @Test
    void detect_backgroundOnly_noColourNoShape() {
        RgbImage plain = RgbImage.fromPacked(40, 30, filled(40 * 30, 0x00FFFF));
        ToyDetection d = ToyJudge.detect(plain);
        assertThat(d.background()).isEqualTo(ToyColor.CYAN);
        assertThat(d.color()).isNull();
        assertThat(d.shape()).isNull();
        assertThat(d.describe()).isEqualTo("a ? ? on a cyan background");
    }

    @Test
    void detect_nonSquareCanvasWithAWideBar_colourFoundShapeUnknown() {
        int w = 96, h = 48;
        int[] px = filled(w * h, 0x000000);
        for (int y = 20; y < 28; y++) for (int x = 10; x < 86; x++) px[y * w + x] = 0xFFFF00;
        ToyDetection d = ToyJudge.detect(RgbImage.fromPacked(w, h, px));
        assertThat(d.background()).isEqualTo(ToyColor.BLACK);
        assertThat(d.color()).isEqualTo(ToyColor.YELLOW);
        assertThat(d.shape()).isNull();
        assertThat(d.aspect()).isEqualTo(76.0 / 8);
    }

    @Test
    void classify_thresholds_asDocumented() {
        assertThat(ToyJudge.classify(region(1.0, 1.0, 0.5))).isEqualTo(ToyShape.SQUARE);
        assertThat(ToyJudge.classify(region(0.89, 1.2, 0.5))).isEqualTo(ToyShape.SQUARE);
        assertThat(ToyJudge.classify(region(0.785, 1.0, 0.5))).isEqualTo(ToyShape.CIRCLE);
        assertThat(ToyJudge.classify(region(0.64, 0.8, 0.5))).isEqualTo(ToyShape.CIRCLE);
        assertThat(ToyJudge.classify(region(0.5, 1.0, 0.667))).isEqualTo(ToyShape.TRIANGLE);
        assertThat(ToyJudge.classify(region(0.5, 1.0, 0.333))).as("upside down").isNull();
        assertThat(ToyJudge.classify(region(0.5, 1.0, 0.5))).as("a diamond").isNull();
        assertThat(ToyJudge.classify(region(0.3, 1.0, 0.667))).isNull();
        assertThat(ToyJudge.classify(region(1.0, 1.6, 0.5))).as("a bar").isNull();
        assertThat(ToyJudge.classify(region(1.0, 0.6, 0.5))).as("a bar").isNull();
    }

    private static ShapeRegion region(double fill, double aspect, double centroidY) {
        return new ShapeRegion(100, 10, 10, fill, aspect, centroidY);
    }

    private static ToyScene firstWith(ToyShape shape) {
        for (long i = 0; ; i++) {
            ToyScene s = ToyWorld.sample(ToySplit.TRAIN, i);
            if (s.caption().shape() == shape) return s;
        }
    }

    private static int[] filled(int n, int rgb) {
        int[] px = new int[n];
        java.util.Arrays.fill(px, rgb);
        return px;
    }

    /** Adds N(0, sigma²) to every channel, in units of the full 0..1 range, and clamps. */
    static RgbImage noisy(RgbImage img, double sigma, long seed) {
        Random rnd = new Random(seed);
        byte[] b = img.rgb();
        for (int i = 0; i < b.length; i++) {
            double v = (b[i] & 0xFF) + 255 * sigma * rnd.nextGaussian();
            b[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        return new RgbImage(img.width(), img.height(), b);
    }

    /** Mean over a (2r+1)² box, clamped at the edges. */
    static RgbImage blur(RgbImage img, int r) {
        int w = img.width(), h = img.height();
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0, n = 0;
                    for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                        for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++, n++) sum += img.channel(xx, yy, c);
                    }
                    out[3 * (y * w + x) + c] = (byte) Math.round((double) sum / n);
                }
            }
        }
        return new RgbImage(w, h, out);
    }
}
