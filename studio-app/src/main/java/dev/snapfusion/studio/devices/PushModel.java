package dev.snapfusion.studio.devices;

import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.PushReport;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.services.Workers;
import dev.snapfusion.studio.ui.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Pushing one bundle to the chosen devices: the bundles on offer (folders under {@code <workspace>/bundles}, plus any
 * picked with Browse…), and one {@link PushJob} per device, all running at once on their own threads, each cancellable.
 * A device that fails (unplugged mid-push) ends its own job; the others go on. Properties change on the FX thread only.
 */
final class PushModel {
    private final StudioServices services;
    private final ExecutorService pushes = Workers.pool("device-push");
    private final ExecutorService scanner = Workers.single("bundle-scan");

    final ObservableList<Path> bundles = FXCollections.observableArrayList();
    final ObjectProperty<Path> bundle = new SimpleObjectProperty<>();
    final ObservableList<PushJob> jobs = FXCollections.observableArrayList();
    /** Bundle id (the device folder's name, a content hash) → local folder name, for the bundles on offer. */
    final javafx.collections.ObservableMap<String, String> localNames = FXCollections.observableHashMap();
    final BooleanProperty running = new SimpleBooleanProperty(false);
    final StringProperty status = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    /** Told (on the FX thread) when a push to a device ended, so what the device holds can be read again. */
    private Consumer<DeviceInfo> onPushed = d -> { };

    PushModel(StudioServices services) {
        this.services = services;
    }

    void onPushed(Consumer<DeviceInfo> c) {
        onPushed = c;
    }

    Path bundlesDir() {
        return services.workspace().resolve("bundles");
    }

    /** Lists the bundle folders under the workspace off the FX thread; keeps the choice when it is still there. */
    void scanBundles() {
        Path dir = bundlesDir();
        scanner.execute(() -> {
            List<Path> found = new ArrayList<>();
            java.util.Map<String, String> names = new java.util.HashMap<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> Files.isRegularFile(p.resolve("manifest.json"))).sorted().forEach(found::add);
                    for (Path p : found) idOf(p).ifPresent(id -> names.put(id, p.getFileName().toString()));
                } catch (IOException e) {
                    String message = Messages.describe(e);
                    Platform.runLater(() -> error.set("Cannot list the bundles in " + dir + ": " + message));
                }
            }
            Platform.runLater(() -> {
                Path keep = bundle.get();
                List<Path> all = new ArrayList<>(found);
                for (Path p : bundles) if (!all.contains(p) && !p.startsWith(dir)) all.add(p);   // picked with Browse…
                bundles.setAll(all);
                localNames.putAll(names);
                bundle.set(keep != null && all.contains(keep) ? keep : all.isEmpty() ? null : all.get(0));
            });
        });
    }

    /** The manifest's bundle id, or empty when the manifest cannot be read (the push then says why). */
    private static java.util.Optional<String> idOf(Path bundleDir) {
        try {
            return java.util.Optional.of(ManifestCodec.read(bundleDir.resolve("manifest.json")).id());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** A folder picked with Browse…: offered from now on if it is a bundle. */
    void choose(Path dir) {
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            error.set("“" + dir + "” is not a bundle: it has no manifest.json. Pick a folder that Convert wrote.");
            return;
        }
        error.set("");
        if (!bundles.contains(dir)) bundles.add(dir);
        bundle.set(dir);
        idOf(dir).ifPresent(id -> localNames.put(id, dir.getFileName().toString()));
    }

    /** Starts one push per chosen online device, side by side; a device already being pushed to is left alone. */
    void push(List<DeviceInfo> chosen) {
        Path b = bundle.get();
        if (b == null) {
            error.set("Choose a bundle to push: a folder under " + bundlesDir() + " (Convert writes them there), or Browse….");
            return;
        }
        if (chosen.isEmpty()) {
            error.set("Select the devices to push to in the table (Ctrl+click or Shift+click for several).");
            return;
        }
        error.set("");
        List<String> notes = new ArrayList<>();
        int started = 0;
        for (DeviceInfo d : chosen) {
            if (!d.online()) {
                notes.add(DeviceStates.name(d) + " is " + DeviceStates.title(d).toLowerCase(java.util.Locale.ROOT));
                continue;
            }
            if (jobs.stream().anyMatch(j -> j.running() && DeviceStates.sameDevice(j.device, d))) {
                notes.add(DeviceStates.name(d) + " is still being pushed to");
                continue;
            }
            jobs.removeIf(j -> DeviceStates.sameDevice(j.device, d));
            start(new PushJob(d, b));
            started++;
        }
        String what = started == 0 ? "Nothing pushed" : "Pushing " + b.getFileName() + " to " + started
                + (started == 1 ? " device" : " devices");
        status.set(notes.isEmpty() ? what + "." : what + "; left out: " + String.join(", ", notes) + ".");
    }

    private void start(PushJob job) {
        jobs.add(job);
        job.state.addListener((o, old, now) -> {
            running.set(jobs.stream().anyMatch(PushJob::running));
            if (!running.get()) status.set(summary(jobs));
        });
        running.set(true);
        pushes.execute(() -> {
            try {
                PushReport r = services.pushBundle(job.device, job.bundle, job.listener(), job::cancelRequested);
                Platform.runLater(() -> {
                    job.finished(r);
                    onPushed.accept(job.device);
                });
            } catch (CancellationException e) {
                Platform.runLater(() -> {
                    job.cancelled();
                    onPushed.accept(job.device);
                });
            } catch (Exception | LinkageError e) {
                String message = Messages.describe(e);
                Platform.runLater(() -> {
                    job.failed(message);
                    onPushed.accept(job.device);
                });
            }
        });
    }

    /** When every push has ended: "demo-snapfusion-fp32: 2 pushed, 1 failed." */
    static String summary(List<PushJob> ended) {
        java.util.Map<PushJob.State, Long> by = new java.util.EnumMap<>(PushJob.State.class);
        for (PushJob j : ended) by.merge(j.state.get(), 1L, Long::sum);
        List<String> parts = new ArrayList<>();
        if (by.containsKey(PushJob.State.DONE)) parts.add(by.get(PushJob.State.DONE) + " pushed");
        if (by.containsKey(PushJob.State.FAILED)) parts.add(by.get(PushJob.State.FAILED) + " failed");
        if (by.containsKey(PushJob.State.CANCELLED)) parts.add(by.get(PushJob.State.CANCELLED) + " cancelled");
        String bundleName = ended.isEmpty() ? "" : ended.get(0).bundle.getFileName() + ": ";
        return bundleName + String.join(", ", parts) + ".";
    }

    void cancelAll() {
        jobs.forEach(PushJob::cancel);
    }
}
