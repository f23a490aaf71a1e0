package dev.snapfusion.studio.event;

import dev.snapfusion.studio.report.ComparisonReport;
import java.nio.file.Path;
import java.util.Objects;

/** A comparison report was written (by a demo run or opened from disk); the Compare page shows it. */
public record ReportReadyEvent(Path reportDir, ComparisonReport report) {
    public ReportReadyEvent {
        Objects.requireNonNull(reportDir, "reportDir");
        Objects.requireNonNull(report, "report");
    }
}
