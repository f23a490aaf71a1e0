package dev.snapfusion.studio.history;

import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.event.NavigateEvent;
import dev.snapfusion.studio.event.PageId;
import dev.snapfusion.studio.event.ReportReadyEvent;
import dev.snapfusion.studio.event.RunOpenedEvent;
import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.runs.RunDeletion;
import dev.snapfusion.studio.runs.RunEntry;
import dev.snapfusion.studio.runs.RunFilter;
import dev.snapfusion.studio.runs.RunIndex;
import dev.snapfusion.studio.runs.RunListing;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.services.Workers;
import dev.snapfusion.studio.ui.Messages;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State of the History page: every run in the workspace's index, the filter fields and the commands on the selected
 * runs. Properties are touched on the FX thread only; reading the index, deleting and comparing run on one
 * background thread.
 */
final class HistoryModel {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final StudioServices services;
    private final EventBus bus;
    private final RunIndex index;
    private final ExecutorService worker = Workers.single("history-worker");

    final ObservableList<RunEntry> all = FXCollections.observableArrayList();
    final FilteredList<RunEntry> shown = new FilteredList<>(all);
    final StringProperty prompt = new SimpleStringProperty("");
    final StringProperty device = new SimpleStringProperty("");
    final StringProperty bundle = new SimpleStringProperty("");
    final StringProperty variant = new SimpleStringProperty("");
    final ObjectProperty<LocalDate> since = new SimpleObjectProperty<>();

    final BooleanProperty busy = new SimpleBooleanProperty(false);
    final StringProperty status = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    final StringProperty warning = new SimpleStringProperty("");

    HistoryModel(StudioServices services, EventBus bus) {
        this.services = services;
        this.bus = bus;
        this.index = new RunIndex(services.workspace());
        for (Observable o : new Observable[] {prompt, device, bundle, variant, since}) o.addListener(x -> applyFilter());
    }

    RunFilter filter() {
        LocalDate day = since.get();
        return new RunFilter(prompt.get(), device.get(), variant.get(), bundle.get(),
                day == null ? null : RunFilter.startOf(day, ZoneId.systemDefault()));
    }

    private void applyFilter() {
        RunFilter f = filter();
        shown.setPredicate(f::matches);
    }

    /** Reads the index off the FX thread; entries that cannot be read show as one warning naming their files. */
    void refresh() {
        worker.execute(() -> {
            RunListing l = index.list();
            Platform.runLater(() -> {
                all.setAll(l.runs());
                warning.set(l.warnings().isEmpty() ? "" : String.join("\n", l.warnings()));
                applyFilter();
            });
        });
    }

    /** Shows the run on the Generate page (image and timings), where it can also be compared with another. */
    void open(RunEntry e) {
        bus.publish(new NavigateEvent(PageId.GENERATE));
        bus.publish(new RunOpenedEvent(e.folder()));
    }

    /** Compares two runs (the report picks the baseline), then shows the report on the Compare page. */
    void compare(RunEntry a, RunEntry b) {
        Path out = services.workspace().resolve("reports").resolve("compare-" + LocalDateTime.now().format(STAMP));
        start("Comparing " + a.id() + " with " + b.id() + "…");
        worker.execute(() -> {
            try {
                ComparisonReport r = services.compareRuns(a.folder(), b.folder(), out);
                Platform.runLater(() -> {
                    done("Comparison written to " + out);
                    bus.publish(new ReportReadyEvent(out, r));
                    bus.publish(new NavigateEvent(PageId.COMPARE));
                });
            } catch (Exception | LinkageError x) {
                fail("Cannot compare the runs: ", x);
            }
        });
    }

    /** What deleting the run will do to its files, for the confirmation dialog. */
    String deleteConsequence(RunEntry e) {
        return index.owns(e.folder())
                ? "Its folder " + e.folder() + " and everything in it will be deleted."
                : "Only the history entry goes: its folder " + e.folder() + " is outside the workspace and stays.";
    }

    void delete(RunEntry e) {
        start("Deleting " + e.id() + "…");
        worker.execute(() -> {
            try {
                String said = index.delete(e.id(), false).map(RunDeletion::describe)
                        .orElse("Run " + e.id() + " was already gone from the history.");
                RunListing l = index.list();
                Platform.runLater(() -> {
                    all.setAll(l.runs());
                    done(said);
                });
            } catch (Exception x) {
                fail("Cannot delete the run: ", x);
            }
        });
    }

    private void start(String what) {
        error.set("");
        busy.set(true);
        status.set(what);
    }

    private void done(String what) {
        busy.set(false);
        status.set(what);
    }

    private void fail(String prefix, Throwable x) {
        String m = Messages.describe(x);
        Platform.runLater(() -> {
            busy.set(false);
            status.set("");
            error.set(prefix + m);
        });
    }
}
