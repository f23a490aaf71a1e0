package dev.snapfusion.bridge.toy;

import dev.snapfusion.runner.image.PngWriter;
import java.util.Arrays;

/** An 8-bit RGB image, interleaved and row-major (the layout {@link PngWriter} takes). Immutable. */
public final class RgbImage {
    private final int width, height;
    private final byte[] rgb;

    /** Copies {@code rgb}, which must hold 3 × width × height bytes. */
    public RgbImage(int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        if (rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB image needs " + 3L * width * height
                    + " bytes, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb.clone();
    }

    /** From packed 0xRRGGBB ints, row-major (what {@code BufferedImage.getRGB} returns; alpha is ignored). */
    public static RgbImage fromPacked(int width, int height, int[] packed) {
        if (packed.length != (long) width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + (long) width * height
                    + " pixels, got " + packed.length);
        }
        byte[] b = new byte[packed.length * 3];
        for (int i = 0; i < packed.length; i++) {
            b[3 * i] = (byte) (packed[i] >> 16);
            b[3 * i + 1] = (byte) (packed[i] >> 8);
            b[3 * i + 2] = (byte) packed[i];
        }
        return new RgbImage(width, height, b);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A copy of the interleaved bytes. */
    public byte[] rgb() {
        return rgb.clone();
    }

    /** Channel c (0 red, 1 green, 2 blue) of pixel (x, y), 0..255. */
    public int channel(int x, int y, int c) {
        return rgb[3 * (y * width + x) + c] & 0xFF;
    }

    public byte[] png() {
        return PngWriter.encodeRgb(width, height, rgb);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && width == other.width && height == other.height && Arrays.equals(rgb, other.rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
