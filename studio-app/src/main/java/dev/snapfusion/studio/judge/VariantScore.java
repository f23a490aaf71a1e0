package dev.snapfusion.studio.judge;

/**
 * Adherence of one variant's images to their prompts. Percentages are over the judged images, null when none was.
 *
 * @param colorsOk images whose shape colour and background are both right (colour adherence)
 */
public record VariantScore(String variant, int images, int judged, int backgroundOk, int colorOk, int colorsOk, int shapeOk) {
    public int notJudged() {
        return images - judged;
    }

    /** Shape colour and background both right, in %. */
    public Double colorAdherencePct() {
        return pct(colorsOk);
    }

    public Double shapeAdherencePct() {
        return pct(shapeOk);
    }

    public Double backgroundPct() {
        return pct(backgroundOk);
    }

    /** The shape's colour alone, in %. */
    public Double shapeColorPct() {
        return pct(colorOk);
    }

    private Double pct(int count) {
        return judged == 0 ? null : 100.0 * count / judged;
    }

    VariantScore add(JudgedImage img) {
        if (!img.judged()) return new VariantScore(variant, images + 1, judged, backgroundOk, colorOk, colorsOk, shapeOk);
        var v = img.verdict();
        return new VariantScore(variant, images + 1, judged + 1, backgroundOk + bit(v.backgroundOk()), colorOk + bit(v.colorOk()),
                colorsOk + bit(v.colorsOk()), shapeOk + bit(v.shapeOk()));
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }
}
