package dev.snapfusion.bridge.toy;

/** The judge's reading of one image against the caption it was made for. Immutable. */
public record ToyVerdict(ToyCaption expected, ToyDetection detected) {
    public boolean backgroundOk() {
        return detected.background() == expected.background();
    }

    /** The shape's colour is right (whatever the background). */
    public boolean colorOk() {
        return detected.color() == expected.color();
    }

    public boolean shapeOk() {
        return detected.shape() == expected.shape();
    }

    /** Colour adherence: both the shape's colour and the background are right. */
    public boolean colorsOk() {
        return colorOk() && backgroundOk();
    }

    public boolean allOk() {
        return colorsOk() && shapeOk();
    }
}
