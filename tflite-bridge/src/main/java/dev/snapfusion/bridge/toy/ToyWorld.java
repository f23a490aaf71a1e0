package dev.snapfusion.bridge.toy;

import java.util.ArrayList;
import java.util.List;

/**
 * The toy world: one shape in one palette colour on a background of another, described by {@link ToyCaption}.
 * Every scene is a pure function of its seed (docs/judge.md). Stateless and thread-safe.
 * <pre>{@code
 * ToyScene s = ToyWorld.sample(ToySplit.TRAIN, 7);     // seed 14
 * RgbImage img = s.render(ToyWorld.DEFAULT_SIZE);
 * String caption = s.caption().text();                 // e.g. "a cyan triangle on a black background"
 * }</pre>
 */
public final class ToyWorld {
    public static final int DEFAULT_SIZE = 64;
    public static final int MIN_SIZE = 32;
    /** Shape boxes span this fraction of the image side, drawn uniformly. */
    public static final double MIN_EXTENT = 0.30, MAX_EXTENT = 0.60;
    /** Free space between a shape's box and the image edge, as a fraction of the side, so the border is background. */
    public static final double MARGIN = 1.0 / 16;

    /**
     * Every caption of the grammar, in the order the evaluation list cycles through them: shape fastest, then
     * background, then the shape colour's offset from the background, so each run of 24 covers every
     * (shape, background) pair.
     */
    public static final List<ToyCaption> EVAL_CAPTIONS = evalCaptions();

    private ToyWorld() {
    }

    /** Sample {@code index} of a split: {@code scene(split.seed(index))}. */
    public static ToyScene sample(ToySplit split, long index) {
        return scene(split.seed(index));
    }

    /**
     * The scene of a seed. The box size and centre come first from a SplitMix64 stream seeded with the seed; an even
     * (training) seed then draws shape, background and colour from the same stream, an odd (evaluation) seed
     * {@code 2k + 1} takes {@code EVAL_CAPTIONS[k mod 168]}.
     */
    public static ToyScene scene(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        double extent = MIN_EXTENT + (MAX_EXTENT - MIN_EXTENT) * rng.nextDouble();
        double room = 1 - 2 * MARGIN - extent;
        double cx = MARGIN + extent / 2 + room * rng.nextDouble();
        double cy = MARGIN + extent / 2 + room * rng.nextDouble();
        ToyCaption caption;
        if (ToySplit.of(seed) == ToySplit.EVAL) {
            caption = EVAL_CAPTIONS.get((int) Long.remainderUnsigned(seed >>> 1, EVAL_CAPTIONS.size()));
        } else {
            ToyShape shape = ToyShape.values()[rng.nextInt(ToyShape.values().length)];
            ToyColor[] palette = ToyColor.values();
            ToyColor background = palette[rng.nextInt(palette.length)];
            ToyColor color = palette[(background.ordinal() + 1 + rng.nextInt(palette.length - 1)) % palette.length];
            caption = new ToyCaption(color, shape, background);
        }
        return new ToyScene(caption, cx, cy, extent, seed);
    }

    private static List<ToyCaption> evalCaptions() {
        ToyColor[] palette = ToyColor.values();
        ToyShape[] shapes = ToyShape.values();
        List<ToyCaption> out = new ArrayList<>();
        for (int offset = 1; offset < palette.length; offset++) {
            for (ToyColor background : palette) {
                for (ToyShape shape : shapes) {
                    out.add(new ToyCaption(palette[(background.ordinal() + offset) % palette.length], shape, background));
                }
            }
        }
        return List.copyOf(out);
    }
}
