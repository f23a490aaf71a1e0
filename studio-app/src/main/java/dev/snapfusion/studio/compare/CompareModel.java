package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.ImageDiff;
import dev.snapfusion.studio.report.ReportReader;
import dev.snapfusion.studio.report.ReportWriter;
import dev.snapfusion.studio.services.DemoResult;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.Messages;
import dev.snapfusion.studio.ui.PageJob;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

/**
 * State of the Compare page and its two commands. Properties are read and written on the FX thread only;
 * the commands start background tasks and apply their results on the FX thread.
 */
final class CompareModel {
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("'demo-'yyyyMMdd-HHmmss");

    private final StudioServices services;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "compare-worker");
        t.setDaemon(true);
        return t;
    });

    final ObjectProperty<ComparisonReport> report = new SimpleObjectProperty<>();
    final ObjectProperty<Path> reportDir = new SimpleObjectProperty<>();
    private final PageJob job = new PageJob(worker);
    final DoubleProperty progress = job.progress;
    final StringProperty status = job.status;
    final StringProperty error = job.error;
    private final BooleanProperty busy = job.busy;

    CompareModel(StudioServices services) {
        this.services = services;
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Converts, pushes, generates and compares through the services, showing progress as it goes. */
    void runDemo() {
        Path outDir = services.workspace().resolve("reports").resolve(LocalDateTime.now().format(RUN_NAME));
        start(new DemoTask(services, outDir), "The demo comparison failed");
    }

    /** Loads a report folder written earlier (by the demo or by the command line). */
    void openReport(Path dir) {
        Task<DemoResult> task = new Task<>() {
            @Override
            protected DemoResult call() {
                updateMessage("Reading " + dir + "…");
                return new DemoResult(dir, ReportReader.read(dir));
            }
        };
        start(task, "Cannot open the report");
    }

    /** Writes the shown comparison to {@code dir} in the background, as {@code studio compare} does. */
    void export(Path dir) {
        ComparisonReport r = report.get();
        if (r == null) return;
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() {
                updateMessage("Exporting to " + dir + "…");
                return ReportWriter.write(r, dir);
            }
        };
        job.run(task, written -> status.set("Exported " + written), "Cannot export the comparison: ");
    }

    /** Computes the images' difference off the FX thread, then hands it to {@code show} on the FX thread. */
    void imageDiff(ComparisonReport r, java.util.function.Consumer<ImageDiff> show) {
        Task<ImageDiff> task = new Task<>() {
            @Override
            protected ImageDiff call() {
                return ImageDiff.of(r.runs().get(0).image(), r.runs().get(1).image());
            }
        };
        task.setOnSucceeded(e -> {
            if (report.get() == r) show.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            if (report.get() == r) {
                show.accept(null);
                error.set("Cannot compare the images: " + Messages.describe(task.getException()));
            }
        });
        worker.execute(task);
    }

    /** Shows a report handed over by another page. */
    void show(Path dir, ComparisonReport r) {
        reportDir.set(dir);
        report.set(r);
        error.set("");
    }

    private void start(Task<DemoResult> task, String failurePrefix) {
        job.run(task, r -> {
            show(r.reportDir(), r.report());
            status.set("Showing " + r.reportDir());
        }, failurePrefix + ": ");
    }
}
