package dev.snapfusion.bridge.toy;

import java.util.Objects;

/**
 * One drawing of the toy world: what the caption says, and where the shape sits as fractions of the image side,
 * so the same scene renders at 64×64 or 256×256. Immutable.
 *
 * @param centerX centre of the shape's box, 0 = left edge, 1 = right edge
 * @param centerY centre of the shape's box, 0 = top edge, 1 = bottom edge
 * @param extent side of the shape's box over the image side
 * @param seed the seed {@link ToyWorld#scene} drew this scene from
 */
public record ToyScene(ToyCaption caption, double centerX, double centerY, double extent, long seed) {
    public ToyScene {
        Objects.requireNonNull(caption, "caption");
        if (!(extent > 0 && extent <= 1)) throw new IllegalArgumentException("extent must be in (0, 1], got " + extent);
    }

    /**
     * Draws the scene on a {@code size}×{@code size} canvas. A pixel takes the shape's colour when its centre lies in
     * the shape, else the background's; there is no antialiasing, so every pixel is exactly a palette colour and the
     * image is the same, bit for bit, on every JVM (docs/judge.md, "Rendering").
     */
    public RgbImage render(int size) {
        if (size < ToyWorld.MIN_SIZE) {
            throw new IllegalArgumentException("toy images are at least " + ToyWorld.MIN_SIZE + " px, got " + size);
        }
        byte[] rgb = new byte[3 * size * size];
        double cx = centerX * size, cy = centerY * size, r = extent * size / 2;
        ToyColor fg = caption.color(), bg = caption.background();
        ToyShape shape = caption.shape();
        for (int y = 0, i = 0; y < size; y++) {
            double dy = y + 0.5 - cy;
            for (int x = 0; x < size; x++, i += 3) {
                ToyColor c = shape.contains(x + 0.5 - cx, dy, r) ? fg : bg;
                rgb[i] = (byte) c.red();
                rgb[i + 1] = (byte) c.green();
                rgb[i + 2] = (byte) c.blue();
            }
        }
        return new RgbImage(size, size, rgb);
    }
}
