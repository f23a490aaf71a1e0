package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.ImageDiff;
import dev.snapfusion.studio.report.ReportReader;
import dev.snapfusion.studio.report.ReportWriter;
import dev.snapfusion.studio.services.DemoResult;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.Messages;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
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
    final DoubleProperty progress = new SimpleDoubleProperty(0);
    final StringProperty status = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);

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
        error.set("");
        busy.set(true);
        status.bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            status.unbind();
            busy.set(false);
            status.set("Exported " + task.getValue());
        });
        task.setOnFailed(e -> {
            status.unbind();
            busy.set(false);
            status.set("");
            error.set("Cannot export the comparison: " + Messages.describe(task.getException()));
        });
        worker.execute(task);
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
        error.set("");
        busy.set(true);
        progress.bind(task.progressProperty());
        status.bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            finish();
            show(task.getValue().reportDir(), task.getValue().report());
            status.set("Showing " + task.getValue().reportDir());
        });
        task.setOnFailed(e -> {
            finish();
            status.set("");
            error.set(failurePrefix + ": " + Messages.describe(task.getException()));
        });
        worker.execute(task);
    }

    private void finish() {
        progress.unbind();
        status.unbind();
        busy.set(false);
    }
}
