package dev.snapfusion.studio.models;

import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.studio.bundles.BundleCatalog;
import dev.snapfusion.studio.bundles.BundleEntry;
import dev.snapfusion.studio.common.Sizes;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.config.PageMemory;
import dev.snapfusion.studio.event.BundleConvertedEvent;
import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.job.ConvertSpec;
import dev.snapfusion.studio.job.RecipeOverrides;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.services.Workers;
import dev.snapfusion.studio.ui.Messages;
import dev.snapfusion.studio.ui.PageJob;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Models page: the bundles of the workspace, the selected one, the convert form and the commands (convert,
 * delete, push). Properties are touched on the FX thread only; listing, converting and deleting run on one background
 * thread, pushes on one thread per device.
 */
final class ModelsModel {
    private final StudioServices services;
    private final EventBus bus;
    private final BundleCatalog catalog;
    /** The bundle selected last, by folder name, in settings/models.properties. */
    private static final String SELECTED = "selected";
    private final PageMemory memory;
    private final ExecutorService worker = Workers.single("models-worker");
    /** Looks up the source's UNet blocks, apart from the worker so a long conversion does not hold the sheet up. */
    private final ExecutorService blockLookup = Workers.single("models-blocks");

    final ObservableList<BundleEntry> bundles = FXCollections.observableArrayList();
    final ObjectProperty<BundleEntry> selected = new SimpleObjectProperty<>();
    final OverrideForm form;
    private final PageJob job = new PageJob(worker);
    final BooleanProperty busy = job.busy;
    final DoubleProperty progress = job.progress;
    final StringProperty status = job.status;
    final StringProperty error = job.error;
    /** Set by the page to move its table's selection; the model never holds the view. */
    private Consumer<BundleEntry> select = e -> { };
    private String lastSelected;

    ModelsModel(StudioServices services, EventBus bus) {
        this.services = services;
        this.bus = bus;
        this.catalog = BundleCatalog.of(services.workspace());
        this.memory = new PageMemory(services.workspace(), "models");
        this.form = new OverrideForm(catalog.dir());
        selected.addListener((o, old, now) -> {
            // A refresh re-selects the same folder: that must not undo what the user typed into the form.
            if (now == null || now.name().equals(lastSelected)) return;
            lastSelected = now.name();
            worker.execute(() -> memory.put(SELECTED, now.name()));
            if (!now.broken() && !busy.get()) form.takeFrom(now.manifest());
        });
    }

    void onSelect(Consumer<BundleEntry> select) {
        this.select = select;
    }

    /**
     * Reads the bundles folder off the FX thread, then selects {@code prefer} (a folder) if it is listed, else the bundle
     * selected before, else the one remembered from the last session.
     */
    void refresh(Path prefer) {
        List<String> wanted = new ArrayList<>();
        if (prefer != null) wanted.add(prefer.getFileName().toString());
        if (lastSelected != null) wanted.add(lastSelected);
        worker.execute(() -> {
            try {
                List<BundleEntry> list = catalog.list();
                memory.get(SELECTED).ifPresent(wanted::add);
                Platform.runLater(() -> {
                    bundles.setAll(list);
                    wanted.stream().flatMap(w -> list.stream().filter(b -> b.name().equals(w))).findFirst().ifPresent(select);
                });
            } catch (Exception x) {
                fail("Cannot list the bundles in " + catalog.dir() + ": ", x);
            }
        });
    }

    void refresh() {
        refresh(null);
    }

    /** Reads the block table of the form's source for its per-block rows; a source that cannot be read leaves none. */
    void lookUpBlocks() {
        String src = form.source.get() == null ? "" : form.source.get().trim();
        if (src.isEmpty()) return;
        blockLookup.execute(() -> {
            List<String> ids;
            try {
                ids = services.unetBlocks(src);
            } catch (Exception | LinkageError x) {
                ids = List.of();
            }
            List<String> found = ids;
            Platform.runLater(() -> {
                if (src.equals(form.source.get() == null ? "" : form.source.get().trim())) form.setBlocks(found);
            });
        });
    }

    /** Converts the form's source with its overrides; a malformed override is refused before anything runs. */
    void convert() {
        if (busy.get()) return;
        String src = form.source.get() == null ? "" : form.source.get().trim();
        if (src.isEmpty()) {
            error.set("Choose a source: demo:snapfusion, demo:sd15, a preset, a preset file or a diffusers folder.");
            return;
        }
        Path out;
        RecipeOverrides overrides;
        try {
            out = outDir();
            overrides = form.overrides();
        } catch (StudioError e) {
            error.set(e.getMessage());
            return;
        }
        ConvertSpec spec = new ConvertSpec(src, form.quantization(), out, overrides);
        job.run(new PageJob.Reporting<ConvertedBundle>() {
            @Override
            protected ConvertedBundle call() throws Exception {
                updateMessage("Checking the overrides against " + src + "…");
                updateProgress(-1, 1);
                if (!overrides.rules().isEmpty()) overrides.requireKnown(src, services.unetBlocks(src));
                updateMessage("Converting " + src + " (" + spec.quant().cliName() + ")…");
                ConvertedBundle b = services.convert(spec, sink);
                updateProgress(1, 1);
                return b;
            }
        }, b -> {
            status.set(String.format(Locale.ROOT, "Bundle written in %.1f s to %s", b.seconds(), b.dir()));
            bus.publish(new BundleConvertedEvent(b.dir()));
            refresh(b.dir());
        }, "Conversion of " + src + " failed: ");
    }

    private Path outDir() {
        String text = form.outDir.get() == null ? "" : form.outDir.get().trim();
        if (text.isEmpty()) throw new StudioError("Choose an output folder for the bundle.");
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new StudioError("The output folder “" + text + "” is not a valid path: " + e.getReason());
        }
    }

    /** "Delete bundle folder … (12.3 MB)?" for the confirmation dialog. */
    String deleteQuestion(BundleEntry b) {
        return "Its folder " + b.folder() + " (" + Sizes.bytes(b.bytesOnDisk()) + ") and everything in it will be deleted.";
    }

    void delete(BundleEntry b) {
        error.set("");
        busy.set(true);
        status.set("Deleting " + b.name() + "…");
        worker.execute(() -> {
            try {
                long freed = catalog.delete(b.folder());
                List<BundleEntry> list = catalog.list();
                Platform.runLater(() -> {
                    busy.set(false);
                    if (selected.get() != null && selected.get().folder().equals(b.folder())) selected.set(null);
                    bundles.setAll(list);
                    status.set("Deleted " + b.folder() + " (" + Sizes.bytes(freed) + " freed).");
                });
            } catch (Exception x) {
                fail("Cannot delete " + b.folder() + ": ", x);
            }
        });
    }

    /** The devices a bundle can go to now (online, or the virtual device, which starts on connect); off the FX thread. */
    void pushTargets(Consumer<List<DeviceInfo>> then) {
        error.set("");
        worker.execute(() -> {
            try {
                List<DeviceInfo> all = services.devices().devices();
                List<DeviceInfo> ok = all.stream().filter(d -> d.online() || d.virtual()).toList();
                Platform.runLater(() -> then.accept(ok));
            } catch (Exception x) {
                fail("Cannot list the devices: ", x);
            }
        });
    }

    /** Pushes the bundle to each device at once, each on its own thread; see {@link PushJob}. */
    PushJob push(BundleEntry b) {
        return new PushJob(services, b.folder());
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
