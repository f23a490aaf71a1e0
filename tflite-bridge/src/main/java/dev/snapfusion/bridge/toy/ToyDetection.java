package dev.snapfusion.bridge.toy;

import java.util.Objects;

/**
 * What {@link ToyJudge#detect} saw in an image, with the measures that decided the shape. Immutable.
 *
 * @param color the shape's colour, or null when nothing but background was found
 * @param shape the shape, or null when no region matched one (see docs/judge.md for the thresholds)
 * @param area pixels in the shape's region (its largest connected part), 0 when there is none
 * @param fill the region's area over its bounding box's area
 * @param aspect the bounding box's width over its height
 * @param centroidY the region's centroid height in its box, 0 at the top and 1 at the bottom
 */
public record ToyDetection(ToyColor background, ToyColor color, ToyShape shape, int area, double fill, double aspect,
                           double centroidY) {
    public ToyDetection {
        Objects.requireNonNull(background, "background");
    }

    /** What the image shows in the caption grammar's words, e.g. "a red ? on a blue background" when the shape is unknown. */
    public String describe() {
        return "a " + (color == null ? "?" : color.word()) + " " + (shape == null ? "?" : shape.word()) + " on a "
                + background.word() + " background";
    }
}
