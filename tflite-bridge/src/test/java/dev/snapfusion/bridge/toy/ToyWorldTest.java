package dev.snapfusion.bridge.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ToyWorldTest {
    @Test
    void scene_sameSeed_samePixelsAndCaption() {
        for (long seed : new long[] {0, 1, 2, 77, 1234567, -5}) {
            ToyScene a = ToyWorld.scene(seed), b = ToyWorld.scene(seed);
            assertThat(a).isEqualTo(b);
            assertThat(a.render(64)).isEqualTo(b.render(64));
            assertThat(a.render(256)).isEqualTo(ToyWorld.scene(seed).render(256));
        }
    }

    /** Pinned so a change to the sampler or the rasteriser, which would silently move the evaluation split, fails here. */
    @Test
    void scene_pinnedSeeds_sameCaptionsAndPixelsAsWhenTheSplitWasFixed() {
        assertThat(ToyWorld.sample(ToySplit.TRAIN, 0).caption().text()).isEqualTo("a white square on a yellow background");
        assertThat(ToyWorld.sample(ToySplit.TRAIN, 1).caption().text()).isEqualTo("a magenta circle on a green background");
        assertThat(ToyWorld.sample(ToySplit.EVAL, 0).caption().text()).isEqualTo("a green circle on a red background");
        assertThat(ToyWorld.sample(ToySplit.EVAL, 169).caption().text()).isEqualTo("a green square on a red background");
        assertThat(crc(ToyWorld.sample(ToySplit.TRAIN, 0).render(64))).isEqualTo(3762191169L);
        assertThat(crc(ToyWorld.sample(ToySplit.EVAL, 5).render(256))).isEqualTo(2599452681L);
    }

    @Test
    void sample_training_coversEveryColourShapeAndBackgroundWithinAFewHundred() {
        Set<ToyColor> colors = EnumSet.noneOf(ToyColor.class), backgrounds = EnumSet.noneOf(ToyColor.class);
        Set<ToyShape> shapes = EnumSet.noneOf(ToyShape.class);
        Set<ToyCaption> captions = new HashSet<>();
        for (long i = 0; i < 2000; i++) {
            ToyCaption c = ToyWorld.sample(ToySplit.TRAIN, i).caption();
            colors.add(c.color());
            backgrounds.add(c.background());
            shapes.add(c.shape());
            captions.add(c);
        }
        assertThat(colors).containsExactlyInAnyOrder(ToyColor.values());
        assertThat(backgrounds).containsExactlyInAnyOrder(ToyColor.values());
        assertThat(shapes).containsExactlyInAnyOrder(ToyShape.values());
        assertThat(captions).hasSize(8 * 7 * 3);
    }

    @Test
    void evalCaptions_everyCombinationOnceAndEach24CoverEveryShapeOnEveryBackground() {
        assertThat(ToyWorld.EVAL_CAPTIONS).hasSize(168).doesNotHaveDuplicates();
        for (int start = 0; start < 168; start += 24) {
            Set<String> pairs = new HashSet<>();
            for (ToyCaption c : ToyWorld.EVAL_CAPTIONS.subList(start, start + 24)) pairs.add(c.shape() + "/" + c.background());
            assertThat(pairs).hasSize(24);
        }
    }

    @Test
    void sample_eval_cyclesThroughTheEvalCaptionsInOrder() {
        for (int k = 0; k < 400; k++) {
            assertThat(ToyWorld.sample(ToySplit.EVAL, k).caption()).isEqualTo(ToyWorld.EVAL_CAPTIONS.get(k % 168));
        }
    }

    @Test
    void seed_trainingAndEvalStreams_disjointAndEachSeedKnowsItsSplit() {
        Set<Long> train = new HashSet<>(), eval = new HashSet<>();
        int misfiled = 0;
        for (long i = 0; i < 20_000; i++) {
            train.add(ToySplit.TRAIN.seed(i));
            eval.add(ToySplit.EVAL.seed(i));
            if (ToySplit.of(ToySplit.TRAIN.seed(i)) != ToySplit.TRAIN || ToySplit.of(ToySplit.EVAL.seed(i)) != ToySplit.EVAL) misfiled++;
        }
        assertThat(misfiled).isZero();
        assertThat(train).hasSize(20_000);
        assertThat(eval).hasSize(20_000);
        train.retainAll(eval);
        assertThat(train).as("seeds in both streams").isEmpty();
        assertThat(ToySplit.TRAIN.seed(ToySplit.MAX_INDEX)).isPositive();
        assertThat(ToySplit.EVAL.seed(ToySplit.MAX_INDEX)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> ToySplit.TRAIN.seed(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void render_anySeed_onlyTwoPaletteColoursAndABackgroundBorder() {
        for (long seed = 0; seed < 300; seed++) {
            ToyScene s = ToyWorld.scene(seed);
            RgbImage img = s.render(64);
            int shapePixels = 0, strangers = 0, borderShape = 0;
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    ToyColor c = exact(img, x, y);
                    if (c != s.caption().color() && c != s.caption().background()) strangers++;
                    boolean border = x < 4 || y < 4 || x >= 60 || y >= 60;
                    if (border && c != s.caption().background()) borderShape++;
                    if (c == s.caption().color()) shapePixels++;
                }
            }
            assertThat(strangers).as("seed %d: pixels of neither colour", seed).isZero();
            assertThat(borderShape).as("seed %d: shape pixels within 4 px of the edge", seed).isZero();
            assertThat(shapePixels).as("seed %d", seed).isGreaterThan(150);
        }
    }

    @Test
    void render_tooSmall_refused() {
        assertThatThrownBy(() -> ToyWorld.scene(3).render(16)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
    }

    /** The palette colour the pixel is exactly, or null. */
    static ToyColor exact(RgbImage img, int x, int y) {
        for (ToyColor c : ToyColor.values()) {
            if (c.distanceSquared(img.channel(x, y, 0), img.channel(x, y, 1), img.channel(x, y, 2)) == 0) return c;
        }
        return null;
    }

    private static long crc(RgbImage img) {
        CRC32 c = new CRC32();
        c.update(img.rgb());
        return c.getValue();
    }
}
