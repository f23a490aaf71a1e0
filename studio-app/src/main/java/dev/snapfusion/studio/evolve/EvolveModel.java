package dev.snapfusion.studio.evolve;

import dev.snapfusion.studio.evolution.EvolveResult;
import dev.snapfusion.studio.evolution.EvolveSpec;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.services.Workers;
import dev.snapfusion.studio.ui.PageJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

/**
 * State of the Evolve page: bundle, device, target and probe size in; progress, the ranked actions and the greedy
 * path out. Properties are touched on the FX thread only; the explorer runs as a Task on a background thread.
 */
final class EvolveModel {
    private final StudioServices services;
    private final ExecutorService worker = Workers.single("evolve-worker");

    final StringProperty bundle = new SimpleStringProperty("");
    final StringProperty device = new SimpleStringProperty("virtual");
    final StringProperty targetMs = new SimpleStringProperty("");
    final StringProperty seeds = new SimpleStringProperty("1");
    final StringProperty steps = new SimpleStringProperty("4");
    private final PageJob job = new PageJob(worker);
    final DoubleProperty progress = job.progress;
    final StringProperty status = job.status;
    final StringProperty error = job.error;
    final BooleanProperty busy = job.busy;
    final ObjectProperty<EvolveResult> result = new SimpleObjectProperty<>();

    EvolveModel(StudioServices services) {
        this.services = services;
    }

    /** Checks the form; null and an error message when something is wrong. */
    EvolveSpec spec() {
        try {
            Path b = Path.of(bundle.get().trim());
            if (bundle.get().isBlank() || !Files.isRegularFile(b.resolve("manifest.json"))) {
                error.set("Choose a bundle folder (one with manifest.json), e.g. one the Convert page wrote.");
                return null;
            }
            if (device.get() == null || device.get().isBlank()) {
                error.set("Name the device whose latency table to use: a serial, or virtual.");
                return null;
            }
            double target = Double.parseDouble(targetMs.get().trim());
            int s = Integer.parseInt(seeds.get().trim()), n = Integer.parseInt(steps.get().trim());
            Path out = services.workspace().resolve("evolve").resolve("presets");
            return new EvolveSpec(b, device.get().trim(), target, EvolveSpec.DEFAULT_PROMPTS, s, n, out);
        } catch (NumberFormatException e) {
            error.set("Target, seeds and steps must be numbers (target in ms per denoising step).");
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
        }
        return null;
    }

    void run() {
        EvolveSpec spec = spec();
        if (spec == null) return;
        result.set(null);
        job.run(new PageJob.Reporting<EvolveResult>() {
            @Override
            protected EvolveResult call() throws Exception {
                updateProgress(-1, 1);
                updateMessage("Reading the latency table for " + spec.device() + "…");
                return services.evolve(spec, sink);
            }
        }, r -> {
            result.set(r);
            status.set(String.format(Locale.ROOT, "%.1f → %.1f ms per step after %d removals; preset %s", r.search().beforeMs(),
                    r.search().afterMs(), r.search().path().size(), r.presetFile()));
        }, "");
    }

    /** Notes on the preset (removals the format cannot express), one line each. */
    static List<String> notes(EvolveResult r) {
        return r.export().kept().entrySet().stream().map(e -> e.getKey() + " stays in the preset: " + e.getValue()).toList();
    }
}
