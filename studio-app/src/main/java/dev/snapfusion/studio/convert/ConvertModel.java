package dev.snapfusion.studio.convert;

import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.studio.config.PageMemory;
import dev.snapfusion.studio.event.BundleConvertedEvent;
import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.services.Workers;
import dev.snapfusion.studio.ui.PageJob;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

/**
 * State of the Convert page: source, recipe, output folder, progress and the written bundle. Properties
 * are touched on the FX thread only; the conversion runs as a Task on a background thread.
 */
final class ConvertModel {
    static final String DEMO_SNAPFUSION = "demo:snapfusion";
    static final String DEMO_SD15 = "demo:sd15";

    private final StudioServices services;
    private final EventBus bus;
    private final ExecutorService worker = Workers.single("convert-worker");
    /** Looks at the disk for the source hint and the page's memory, so neither waits behind a conversion. */
    private final ExecutorService looker = Workers.single("convert-look");
    private final PageMemory memory;
    private static final String LAST_SOURCE = "source";

    final StringProperty source = new SimpleStringProperty(DEMO_SNAPFUSION);
    /** One line under the source: what it is, or that it is not there; files are looked at off the FX thread. */
    final StringProperty sourceHint = new SimpleStringProperty("");
    final ObjectProperty<Quantization> quant;
    private Quantization defaultQuant;
    final StringProperty outDir = new SimpleStringProperty("");
    private final PageJob job = new PageJob(worker);
    final DoubleProperty progress = job.progress;
    final StringProperty status = job.status;
    final StringProperty error = job.error;
    final BooleanProperty busy = job.busy;
    final ObjectProperty<ConvertedBundle> result = new SimpleObjectProperty<>();
    /** Once the user types an output folder, changing source or recipe no longer overwrites it. */
    private boolean outChosen;
    private boolean settingDefault;

    ConvertModel(StudioServices services, EventBus bus) {
        this.services = services;
        this.bus = bus;
        // Settings → Convert quantization: offered first, and again when that setting changes (not on other settings).
        quant = new SimpleObjectProperty<>(services.settings().convertQuantization());
        bus.subscribe(dev.snapfusion.studio.event.SettingsAppliedEvent.class, e -> {
            Quantization q = e.settings().convertQuantization();
            if (q != defaultQuant && !busy.get()) quant.set(q);
            defaultQuant = q;
        });
        defaultQuant = quant.get();
        source.addListener((o, a, b) -> suggestOut());
        source.addListener((o, a, b) -> describe(b));
        describe(source.get());
        quant.addListener((o, a, b) -> suggestOut());
        outDir.addListener((o, a, b) -> {
            if (!settingDefault) outChosen = true;
        });
        suggestOut();
        memory = new PageMemory(services.workspace(), "convert");
        restoreSource();
    }

    /** The source of the last conversion started, unless the user has typed another meanwhile. */
    private void restoreSource() {
        String initial = source.get();
        looker.execute(() -> memory.get(LAST_SOURCE).ifPresent(last -> Platform.runLater(() -> {
            if (Objects.equals(initial, source.get()) && !busy.get()) source.set(last);
        })));
    }

    private void describe(String s) {
        String quick = quickHint(s);
        if (quick != null) {
            sourceHint.set(quick);
            return;
        }
        looker.execute(() -> {
            String h = pathHint(s.trim());
            Platform.runLater(() -> {
                if (Objects.equals(s, source.get())) sourceHint.set(h);
            });
        });
    }

    /** The hint for the built-in demos and an empty field; null for a path, which needs a look at the disk. */
    static String quickHint(String s) {
        if (DEMO_SNAPFUSION.equals(s)) {
            return "Built-in toy SnapFusion pipeline, trained on drawn shapes: efficient UNet without cross-attention at "
                    + "the highest resolution, v-prediction, 8 steps, half-channel decoder.";
        }
        if (DEMO_SD15.equals(s)) {
            return "Built-in toy SD-v1.5 pipeline, trained on drawn shapes: the original UNet layout, ε-prediction, "
                    + "50 DDIM steps.";
        }
        if (s == null || s.isBlank()) return "Pick a built-in demo, a preset name, a diffusers folder or a checkpoint file.";
        if (Presets.NAMED.contains(s.trim())) {
            return "Preset " + s.trim() + ": the full-size architecture with synthetic weights, for size and speed.";
        }
        if (s.startsWith("synthetic:")) {
            return "The architecture of " + s.substring("synthetic:".length()) + " with synthetic weights.";
        }
        if (s.startsWith("derive:")) return "A student derived from a parent checkpoint (derive:PRESET:PATH, docs/sources.md).";
        return null;
    }

    /** Reads the disk: a diffusers folder, a preset file, or a path that is not there (named). */
    static String pathHint(String s) {
        try {
            Path p = Path.of(s);
            if (Files.isDirectory(p)) {
                return Files.isRegularFile(p.resolve("model_index.json")) ? "A diffusers folder."
                        : "A folder without model_index.json: not a diffusers pipeline.";
            }
            if (Files.isRegularFile(p)) {
                return s.endsWith(".safetensors") ? "A single-file checkpoint." : "A pipeline preset file.";
            }
            return "Not found: " + p.toAbsolutePath() + " (built-in presets: " + String.join(", ", Presets.NAMED) + ").";
        } catch (InvalidPathException e) {
            return "Not a valid path: " + e.getReason();
        }
    }
    private void suggestOut() {
        if (outChosen) return;
        settingDefault = true;
        outDir.set(services.workspace().resolve("bundles").resolve(slug(source.get()) + "-"
                + (quant.get() == null ? "fp32" : quant.get().cliName())).toString());
        settingDefault = false;
    }

    /** demo:snapfusion → demo-snapfusion; /a/b/my-preset.json → my-preset. */
    static String slug(String source) {
        String s = source == null ? "" : source.trim();
        if (s.isEmpty()) return "bundle";
        String name = s.startsWith("demo:") ? s.replace(':', '-') : Path.of(s).getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0) name = name.substring(0, dot);
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    }

    void convert() {
        String src = source.get() == null ? "" : source.get().trim();
        if (src.isEmpty()) {
            error.set("Choose a source: demo:snapfusion, demo:sd15, or a pipeline preset file.");
            return;
        }
        if (outDir.get() == null || outDir.get().isBlank()) {
            error.set("Choose an output folder for the bundle.");
            return;
        }
        Path out;
        try {
            out = Path.of(outDir.get().trim());
        } catch (InvalidPathException e) {
            error.set("The output folder “" + outDir.get() + "” is not a valid path: " + e.getReason());
            return;
        }
        Quantization q = quant.get();
        looker.execute(() -> memory.put(LAST_SOURCE, src));
        result.set(null);
        job.run(new PageJob.Reporting<ConvertedBundle>() {
            @Override
            protected ConvertedBundle call() throws Exception {
                updateMessage("Converting " + src + " (" + q.cliName() + ")…");
                updateProgress(-1, 1);
                ConvertedBundle b = services.convert(src, q, out, sink);
                updateProgress(1, 1);
                return b;
            }
        }, b -> {
            result.set(b);
            status.set(String.format(Locale.ROOT, "Bundle written in %.1f s to %s", b.seconds(), b.dir()));
            bus.publish(new BundleConvertedEvent(b.dir()));
        }, "Conversion of " + src + " failed: ");
    }
}
