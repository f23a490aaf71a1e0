package dev.snapfusion.studio.evolution;

/**
 * Removing one block: what it saves per denoising step and what it costs in quality.
 *
 * @param value importance per ms saved; lower is a better removal (+∞ when it saves nothing)
 */
public record Action(String block, double msSaved, double importance, double value, Quality quality) {
    public static Action of(String block, double msSaved, Quality quality) {
        double importance = quality.importance();
        return new Action(block, msSaved, importance, msSaved > 0 ? importance / msSaved : Double.POSITIVE_INFINITY, quality);
    }
}
