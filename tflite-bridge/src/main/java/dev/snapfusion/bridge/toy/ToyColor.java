package dev.snapfusion.bridge.toy;

import java.util.Locale;
import java.util.Optional;

/**
 * The toy world's palette: the eight corners of the RGB cube, so any two colours differ by 255 in at least one
 * channel and a judge can tell them apart even through a VAE's blur (docs/judge.md, "Palette").
 */
public enum ToyColor {
    RED(255, 0, 0),
    GREEN(0, 255, 0),
    BLUE(0, 0, 255),
    YELLOW(255, 255, 0),
    MAGENTA(255, 0, 255),
    CYAN(0, 255, 255),
    WHITE(255, 255, 255),
    BLACK(0, 0, 0);

    private static final ToyColor[] ALL = values();
    private final int r, g, b;

    ToyColor(int r, int g, int b) {
        this.r = r;
        this.g = g;
        this.b = b;
    }

    /** The word the caption grammar uses, e.g. {@code magenta}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int red() {
        return r;
    }

    public int green() {
        return g;
    }

    public int blue() {
        return b;
    }

    /** Squared Euclidean distance in 8-bit RGB. */
    public int distanceSquared(int red, int green, int blue) {
        int dr = red - r, dg = green - g, db = blue - b;
        return dr * dr + dg * dg + db * db;
    }

    /** The palette colour closest in RGB; ties go to the earlier colour. */
    public static ToyColor nearest(int red, int green, int blue) {
        ToyColor best = ALL[0];
        int bestD = Integer.MAX_VALUE;
        for (ToyColor c : ALL) {
            int d = c.distanceSquared(red, green, blue);
            if (d < bestD) {
                best = c;
                bestD = d;
            }
        }
        return best;
    }

    public static Optional<ToyColor> ofWord(String word) {
        for (ToyColor c : ALL) if (c.word().equals(word)) return Optional.of(c);
        return Optional.empty();
    }
}
