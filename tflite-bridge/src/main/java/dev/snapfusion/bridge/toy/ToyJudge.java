package dev.snapfusion.bridge.toy;

/**
 * Reads the background, the shape's colour and the shape out of an image of any size, by fixed pixel rules rather
 * than a network, so a score means the same thing every time (docs/judge.md, "The judge"). Stateless and
 * thread-safe.
 * <pre>{@code
 * ToyVerdict v = ToyJudge.judge(image, ToyCaption.parse(prompt).orElseThrow());
 * if (v.colorsOk() && v.shapeOk()) ...
 * }</pre>
 */
public final class ToyJudge {
    /** Pixels further than this from the background colour (in 8-bit RGB) are foreground: half the palette spacing. */
    public static final int FOREGROUND_DISTANCE = 128;
    /** The border ring is this fraction of the shorter side thick (at least one pixel). */
    public static final int BORDER_DIVISOR = 32;
    /** A shape needs at least this fraction of the image (and at least {@link #MIN_AREA_PIXELS}). */
    public static final double MIN_AREA_FRACTION = 1.0 / 400;
    public static final int MIN_AREA_PIXELS = 4;
    /** Bounding boxes more elongated than this (either way) are no toy shape. */
    public static final double MAX_ASPECT = 1.5;
    /** Fill-ratio cuts: squares fill 1, circles π/4 ≈ 0.785, triangles 0.5 of their box; cuts sit between. */
    public static final double SQUARE_MIN_FILL = 0.89, CIRCLE_MIN_FILL = 0.64, TRIANGLE_MIN_FILL = 0.35;
    /** An upright triangle's centroid is 2/3 down its box; a circle's or square's is 1/2. */
    public static final double TRIANGLE_MIN_CENTROID = 0.58, TRIANGLE_MAX_CENTROID = 0.75;

    private ToyJudge() {
    }

    public static ToyVerdict judge(RgbImage image, ToyCaption expected) {
        return new ToyVerdict(expected, detect(image));
    }

    public static ToyDetection detect(RgbImage image) {
        int w = image.width(), h = image.height(), n = w * h;
        ToyColor[] nearest = new ToyColor[n];
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i++) {
                nearest[i] = ToyColor.nearest(image.channel(x, y, 0), image.channel(x, y, 1), image.channel(x, y, 2));
            }
        }
        ToyColor background = borderMode(nearest, w, h);
        boolean[] foreground = new boolean[n];
        int[] votes = new int[ToyColor.values().length];
        int limit = FOREGROUND_DISTANCE * FOREGROUND_DISTANCE;
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i++) {
                if (nearest[i] == background) continue;
                if (background.distanceSquared(image.channel(x, y, 0), image.channel(x, y, 1), image.channel(x, y, 2)) <= limit) continue;
                foreground[i] = true;
                votes[nearest[i].ordinal()]++;
            }
        }
        int minArea = Math.max(MIN_AREA_PIXELS, (int) Math.ceil(n * MIN_AREA_FRACTION));
        ToyColor color = argmax(votes);
        if (votes[color.ordinal()] < minArea) return new ToyDetection(background, null, null, 0, 0, 0, 0);
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) mask[i] = foreground[i] && nearest[i] == color;
        ShapeRegion region = ShapeRegion.largest(mask, w, h);
        ToyShape shape = region.area() < minArea ? null : classify(region);
        return new ToyDetection(background, color, shape, region.area(), region.fill(), region.aspect(), region.centroidY());
    }

    /** The rules of docs/judge.md, in order; null when none fits. */
    static ToyShape classify(ShapeRegion r) {
        if (r.aspect() > MAX_ASPECT || r.aspect() < 1 / MAX_ASPECT) return null;
        if (r.fill() >= SQUARE_MIN_FILL) return ToyShape.SQUARE;
        if (r.fill() >= CIRCLE_MIN_FILL) return ToyShape.CIRCLE;
        boolean upright = r.centroidY() >= TRIANGLE_MIN_CENTROID && r.centroidY() <= TRIANGLE_MAX_CENTROID;
        return r.fill() >= TRIANGLE_MIN_FILL && upright ? ToyShape.TRIANGLE : null;
    }

    /** The most common nearest colour on the border ring; ties go to the earlier palette colour. */
    private static ToyColor borderMode(ToyColor[] nearest, int w, int h) {
        int ring = Math.max(1, Math.min(w, h) / BORDER_DIVISOR);
        int[] votes = new int[ToyColor.values().length];
        for (int y = 0; y < h; y++) {
            boolean edgeRow = y < ring || y >= h - ring;
            for (int x = 0; x < w; x++) {
                if (edgeRow || x < ring || x >= w - ring) votes[nearest[y * w + x].ordinal()]++;
            }
        }
        return argmax(votes);
    }

    private static ToyColor argmax(int[] votes) {
        int best = 0;
        for (int i = 1; i < votes.length; i++) if (votes[i] > votes[best]) best = i;
        return ToyColor.values()[best];
    }
}
