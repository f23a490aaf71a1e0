package dev.snapfusion.studio.services;

import dev.snapfusion.studio.report.ComparisonReport;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a finished demo comparison hands to the workbench.
 *
 * @param reportDir folder holding report.json, report.html and the two PNGs
 * @param report the comparison whose images point into {@code reportDir} or the run folders
 */
public record DemoResult(Path reportDir, ComparisonReport report) {
    public DemoResult {
        Objects.requireNonNull(reportDir, "reportDir");
        Objects.requireNonNull(report, "report");
    }
}
