package dev.snapfusion.bridge.toy;

import java.util.Locale;
import java.util.Optional;

/**
 * The shapes of the toy world, each drawn in a square box of half-side {@code r} around its centre: a disc, an
 * axis-aligned square, and an upright isosceles triangle whose base is the box's bottom edge and whose apex is the
 * middle of its top edge. Their areas fill π/4, 1 and 1/2 of the box, which is what {@link ToyJudge} measures.
 */
public enum ToyShape {
    CIRCLE,
    SQUARE,
    TRIANGLE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the point (dx, dy) from the centre (y down) is inside the shape of half-side r. */
    boolean contains(double dx, double dy, double r) {
        return switch (this) {
            case CIRCLE -> dx * dx + dy * dy <= r * r;
            case SQUARE -> Math.abs(dx) <= r && Math.abs(dy) <= r;
            // depth below the apex is dy + r; the half-width grows from 0 there to r at the base (depth 2r)
            case TRIANGLE -> dy <= r && Math.abs(dx) <= (dy + r) / 2;
        };
    }

    public static Optional<ToyShape> ofWord(String word) {
        for (ToyShape s : values()) if (s.word().equals(word)) return Optional.of(s);
        return Optional.empty();
    }
}
