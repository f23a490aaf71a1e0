package dev.snapfusion.studio.ui;

import dev.snapfusion.studio.common.ProgressSink;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

/**
 * The one long job a page runs at a time, as the page shows it: busy, a progress bar, a status line and the error
 * banner's text ({@link ActionRow} and {@link Banner} bind to these). {@link #run} binds progress and status to a
 * task, runs it on the page's worker and, back on the FX thread, unbinds them and hands over the value or shows the
 * failure. Touched on the FX thread only.
 */
public final class PageJob {
    public final BooleanProperty busy = new SimpleBooleanProperty(false);
    public final DoubleProperty progress = new SimpleDoubleProperty(0);
    public final StringProperty status = new SimpleStringProperty("");
    public final StringProperty error = new SimpleStringProperty("");
    private final Executor worker;

    public PageJob(Executor worker) {
        this.worker = worker;
    }

    /**
     * Runs {@code task} on the worker. On success {@code done} gets its value (the status keeps the task's last
     * message unless {@code done} sets another); on failure the status is cleared and the banner says
     * {@code failurePrefix} followed by the readable message ({@link Messages#describe}).
     */
    public <T> void run(Task<T> task, Consumer<T> done, String failurePrefix) {
        error.set("");
        busy.set(true);
        progress.bind(task.progressProperty());
        status.bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            finish();
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finish();
            status.set("");
            error.set(failurePrefix + Messages.describe(task.getException()));
        });
        worker.execute(task);
    }

    private void finish() {
        progress.unbind();
        status.unbind();
        busy.set(false);
    }

    /** A task whose {@link #sink} shows what the services report (phase, fraction or -1, detail) as its message and progress. */
    public abstract static class Reporting<T> extends Task<T> {
        protected final ProgressSink sink = (phase, fraction, detail) -> {
            updateMessage(detail == null || detail.isEmpty() ? phase : phase + ": " + detail);
            updateProgress(fraction < 0 ? -1 : Math.min(1, fraction), 1);
        };
    }
}
