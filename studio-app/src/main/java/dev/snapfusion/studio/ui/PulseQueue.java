package dev.snapfusion.studio.ui;

import dev.snapfusion.studio.log.StudioLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.ObservableList;

/**
 * Runs queued steps on the FX thread, one per pulse (frame), so that work which creates many nodes, such as a table's
 * first rows with their cells and skins, is laid out over several short frames instead of one long one. A step runs at
 * the start of a pulse; that pulse's CSS and layout then cover only what the step changed.
 */
public final class PulseQueue {
    private static final Logger LOG = StudioLog.logger(PulseQueue.class);

    /**
     * Rows a table adds per pulse when filled through {@link #fill}: its rows' cells and skins are made in their first
     * layout.
     */
    public static final int ROWS_PER_PULSE = 2;

    private final Deque<Runnable> steps = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper idle = new ReadOnlyBooleanWrapper(true);
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            Runnable step = steps.poll();
            try {
                if (step != null) step.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "A queued UI step failed; the steps after it still run", e);
            } finally {
                if (steps.isEmpty()) {
                    stop();
                    idle.set(true);
                }
            }
        }
    };

    /** Drops the steps not run yet and queues these; the first runs on the next pulse. FX thread only. */
    public void replace(List<Runnable> next) {
        steps.clear();
        steps.addAll(next);
        if (steps.isEmpty()) return;
        idle.set(false);
        timer.start();
    }

    /** True once every queued step has run. */
    public ReadOnlyBooleanProperty idleProperty() {
        return idle.getReadOnlyProperty();
    }

    /** Steps that fill {@code target} with {@code items}, {@code chunk} at a time (see the overload). */
    public static <T> List<Runnable> fill(ObservableList<T> target, List<? extends T> items, int chunk) {
        return fill(target, items, chunk, t -> { });
    }

    /**
     * Steps that fill {@code target} with {@code items}, {@code chunk} at a time: the first step replaces what it
     * held, each further one appends, and {@code afterEach} runs after every step (e.g. a table re-applying the sort
     * a user chose while rows were still coming).
     */
    public static <T> List<Runnable> fill(ObservableList<T> target, List<? extends T> items, int chunk,
            Consumer<ObservableList<T>> afterEach) {
        if (chunk < 1) throw new IllegalArgumentException("chunk must be at least 1, was " + chunk);
        List<Runnable> out = new ArrayList<>();
        List<T> copy = List.copyOf(items);
        out.add(() -> {
            target.setAll(copy.subList(0, Math.min(chunk, copy.size())));
            afterEach.accept(target);
        });
        for (int from = chunk; from < copy.size(); from += chunk) {
            List<T> part = copy.subList(from, Math.min(from + chunk, copy.size()));
            out.add(() -> {
                target.addAll(part);
                afterEach.accept(target);
            });
        }
        return out;
    }

    /** {@code steps} with {@code first} run at the start of their first step (one pulse for both). */
    public static List<Runnable> startingWith(Runnable first, List<Runnable> steps) {
        List<Runnable> out = new ArrayList<>(steps);
        if (out.isEmpty()) {
            out.add(first);
        } else {
            Runnable head = out.get(0);
            out.set(0, () -> {
                first.run();
                head.run();
            });
        }
        return out;
    }
}
