package dev.snapfusion.studio.bundles;

import dev.snapfusion.bridge.convert.ConversionReport;
import java.util.Locale;

/**
 * What a bundle's conversion report says about its final image against the fp32 twin (docs/parity.md), in one line for
 * the bundle table.
 */
public record ParityVerdict(Kind kind, String text) {
    /** Met and missed are coloured; the others are plain. */
    public enum Kind { MET, MISSED, SKIPPED, NOT_MEASURED }

    public static final ParityVerdict NOT_MEASURED = new ParityVerdict(Kind.NOT_MEASURED, "not measured");

    /** From the report's {@code image_parity}; "not measured" when there is no report or no check in it (fp32 bundles). */
    public static ParityVerdict of(ConversionReport report) {
        ConversionReport.ImageCheck c = report == null ? null : report.imageParity();
        if (c == null) return NOT_MEASURED;
        if (c.skipped() != null) return new ParityVerdict(Kind.SKIPPED, "skipped: " + c.skipped());
        if (c.meetsGoal() == null || c.goalDb() == null) return NOT_MEASURED;
        String psnr = Boolean.TRUE.equals(c.identical()) ? "identical"
                : String.format(Locale.ROOT, "%.2f dB", c.psnrDb());
        // The verdict comes first, so a narrow column still shows it.
        String rest = psnr + String.format(Locale.ROOT, " (goal ≥ %.0f dB)", c.goalDb());
        return c.meetsGoal() ? new ParityVerdict(Kind.MET, "met: " + rest) : new ParityVerdict(Kind.MISSED, "NOT met: " + rest);
    }

    @Override
    public String toString() {
        return text;
    }
}
