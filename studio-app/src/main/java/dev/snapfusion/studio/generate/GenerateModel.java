package dev.snapfusion.studio.generate;

import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.DeviceLink;
import dev.snapfusion.link.RunOutcome;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.runner.protocol.RunTimingsCodec;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.studio.config.PageMemory;
import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.event.NavigateEvent;
import dev.snapfusion.studio.event.PageId;
import dev.snapfusion.studio.event.ReportReadyEvent;
import dev.snapfusion.studio.job.GenerateSpec;
import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.runs.RunIndex;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.services.Workers;
import dev.snapfusion.studio.ui.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.scene.image.Image;

/**
 * State of the Generate page: the form, the live run, this session's runs and the recent ones from the workspace's
 * history. Properties are touched on the FX thread only; the run, the device list, reading the history and
 * comparisons happen on one background thread.
 */
final class GenerateModel {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** Earlier runs offered in the run list; the History page has them all. */
    private static final int EARLIER_RUNS = 50;
    /** Generous: SD-v1.5 on the virtual device takes minutes; the runner is stopped when it is exceeded. */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final StudioServices services;
    private final EventBus bus;
    private final ExecutorService worker = Workers.single("generate-worker");
    /** The last device and bundle a run used, in settings/generate.properties; read and written on {@link #worker}. */
    private final PageMemory memory;
    private static final String LAST_BUNDLE = "bundle";
    private static final String LAST_DEVICE = "device";
    /** The device of the last run (adb server and serial): taken while the user has not chosen one. */
    private String rememberedDevice;
    /** The remembered bundle is applied once, at the first listing. */
    private boolean bundleRestored;
    /** True while the device shown is the page's own pick, not the user's or the remembered one. */
    private boolean autoPicked;
    private boolean settingDevice;
    /** The run in progress, for {@link #cancel()}; set and read on the FX thread. */
    private Task<FinishedRun> current;

    final ObservableList<DeviceInfo> devices = FXCollections.observableArrayList();
    final ObjectProperty<DeviceInfo> device = new SimpleObjectProperty<>();
    final ObservableList<String> bundles = FXCollections.observableArrayList();
    final StringProperty bundle = new SimpleStringProperty("");
    final StringProperty prompt = new SimpleStringProperty(dev.snapfusion.studio.job.DemoJob.PROMPT);
    final StringProperty negativePrompt = new SimpleStringProperty("");
    final StringProperty seed = new SimpleStringProperty("42");
    final StringProperty steps = new SimpleStringProperty("");
    final StringProperty cfg = new SimpleStringProperty("");
    /** How the UNet is timed: {@link #TIMINGS} (whole graph, block by block, or whole with the op profiler). */
    final StringProperty timing = new SimpleStringProperty(TIMING_BLOCKWISE);
    /** {@link #SCHEDULERS}; the first keeps the bundle's own (DDIM with the bundle's schedule). */
    final StringProperty scheduler = new SimpleStringProperty(SCHEDULER_DEFAULT);
    static final String TIMING_WHOLE = "Whole UNet";
    static final String TIMING_BLOCKWISE = "Each UNet block";
    static final String TIMING_OPS = "Op profile";
    static final java.util.List<String> TIMINGS = java.util.List.of(TIMING_WHOLE, TIMING_BLOCKWISE, TIMING_OPS);
    static final String SCHEDULER_DEFAULT = "bundle default";
    static final java.util.List<String> SCHEDULERS = java.util.List.of(SCHEDULER_DEFAULT, "ddim", "pndm", "euler");

    final BooleanProperty busy = new SimpleBooleanProperty(false);
    final DoubleProperty progress = new SimpleDoubleProperty(0);
    final StringProperty status = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    final ObservableList<String> log = FXCollections.observableArrayList();
    final ObjectProperty<Image> image = new SimpleObjectProperty<>();
    final ObjectProperty<RunTimings> timings = new SimpleObjectProperty<>();
    final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    final ObjectProperty<RunRecord> selectedRun = new SimpleObjectProperty<>();

    GenerateModel(StudioServices services, EventBus bus) {
        this.services = services;
        this.bus = bus;
        this.memory = new PageMemory(services.workspace(), "generate");
        device.addListener((o, a, b) -> {
            if (!settingDevice) autoPicked = false;
        });
    }

    /** Lists the devices, the bundles already in the workspace and the earlier runs from its history, off the FX thread. */
    void refresh() {
        Path root = services.workspace().resolve("bundles");
        worker.execute(() -> {
            List<String> found = listBundles(root);
            List<RunRecord> earlier = earlierRuns();
            String lastBundle = memory.get(LAST_BUNDLE).orElse(null);
            String lastDevice = memory.get(LAST_DEVICE).orElse(null);
            Platform.runLater(() -> {
                if (rememberedDevice == null && lastDevice != null) {
                    rememberedDevice = lastDevice;
                    setDevices(List.copyOf(devices));
                }
                found.forEach(this::offerBundle);
                if (!bundleRestored && lastBundle != null && bundles.contains(lastBundle)) bundle.set(lastBundle);
                bundleRestored = true;
                offerRuns(earlier);
            });
            try {
                List<DeviceInfo> list = services.devices().devices();
                Platform.runLater(() -> setDevices(list));
            } catch (Exception | LinkageError e) {
                String m = Messages.describe(e);
                Platform.runLater(() -> error.set("Cannot list devices: " + m));
            }
        });
    }

    private static List<String> listBundles(Path root) {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("manifest.json"))).sorted().map(Path::toString).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** The most recent runs of the workspace's history (the History page lists them all). */
    private List<RunRecord> earlierRuns() {
        return new RunIndex(services.workspace()).list().runs().stream().limit(EARLIER_RUNS)
                .map(e -> new RunRecord(e.folder(), e.created().atZoneSameInstant(ZoneId.systemDefault()).format(DAY)
                        + "  " + e.bundle() + " · " + e.steps() + " steps · seed " + e.seed() + " · "
                        + (Double.isNaN(e.totalMs()) ? "?" : GenerateInputs.ms(e.totalMs()))))
                .toList();
    }

    /** Adds runs not listed yet, after this session's. */
    private void offerRuns(List<RunRecord> earlier) {
        for (RunRecord r : earlier) {
            if (find(r.dir()) == null) runs.add(r);
        }
    }

    private RunRecord find(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        return runs.stream().filter(r -> r.dir().toAbsolutePath().normalize().equals(d)).findFirst().orElse(null);
    }

    /** Shows a run folder opened elsewhere (History → Open): its image and timings, selected in the run list. */
    void open(Path dir) {
        if (busy.get()) {
            error.set("A run is in progress; open " + dir.getFileName() + " again when it is done.");
            return;
        }
        error.set("");
        worker.execute(() -> {
            try {
                RunTimings t = RunTimingsCodec.parse(Files.readString(dir.resolve("timings.json")));
                Image img = new Image(dir.resolve(t.image()).toUri().toString());
                Platform.runLater(() -> {
                    log.clear();
                    image.set(img);
                    timings.set(t);
                    RunRecord r = find(dir);
                    if (r == null) {
                        r = new RunRecord(dir, dir.getFileName() + "  " + t.bundleId() + " · " + t.steps() + " steps · seed "
                                + t.seed() + " · " + GenerateInputs.ms(t.totalMs()));
                        runs.add(0, r);
                    }
                    selectedRun.set(r);
                    status.set("Showing run folder " + dir);
                });
            } catch (Exception | LinkageError e) {
                String m = Messages.describe(e);
                Platform.runLater(() -> error.set("Cannot open the run in " + dir + ": " + m));
            }
        });
    }

    void offerBundle(String dir) {
        if (!bundles.contains(dir)) bundles.add(dir);
        if (bundle.get() == null || bundle.get().isBlank()) bundle.set(dir);
    }

    /**
     * Keeps the device the user chose while it is listed; else the one the last run used (remembered across restarts);
     * else the page's own pick while listed; else an online phone, else the virtual device.
     */
    void setDevices(List<DeviceInfo> list) {
        DeviceInfo chosen = device.get();
        devices.setAll(list);
        DeviceInfo keep = chosen != null && !autoPicked ? listed(list, key(chosen)) : null;
        boolean auto = false;
        if (keep == null && rememberedDevice != null) keep = listed(list, rememberedDevice);
        if (keep == null) {
            auto = true;
            keep = chosen != null ? listed(list, key(chosen)) : null;
        }
        if (keep == null) {
            keep = list.stream().filter(d -> !d.virtual() && d.online()).findFirst()
                    .orElse(list.stream().filter(DeviceInfo::virtual).findFirst().orElse(null));
        }
        settingDevice = true;
        device.set(keep);
        autoPicked = auto;
        settingDevice = false;
    }

    private static DeviceInfo listed(List<DeviceInfo> list, String key) {
        return list.stream().filter(d -> key(d).equals(key)).findFirst().orElse(null);
    }

    /** How a device is remembered: its adb server and serial. */
    private static String key(DeviceInfo d) {
        return d.server() + " " + d.serial();
    }

    void run() {
        GenerateSpec spec;
        try {
            spec = spec();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        String usedBundle = bundle.get().trim(), usedDevice = key(device.get());
        rememberedDevice = usedDevice;
        worker.execute(() -> {
            memory.put(LAST_BUNDLE, usedBundle);
            memory.put(LAST_DEVICE, usedDevice);
        });
        Task<FinishedRun> task = new RunTask(services, spec, line -> Platform.runLater(() -> log.add(line)));
        error.set("");
        log.clear();
        image.set(null);
        timings.set(null);
        busy.set(true);
        progress.bind(task.progressProperty());
        status.bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            finish();
            showRun(task.getValue(), spec);
        });
        task.setOnFailed(e -> {
            finish();
            status.set("");
            error.set("The run failed: " + Messages.describe(task.getException()));
        });
        task.setOnCancelled(e -> {
            finish();
            status.set("Cancelled: the run on " + spec.device() + " was stopped; nothing was kept.");
        });
        current = task;
        worker.execute(task);
    }

    /** Stops the running push or generation: the worker is interrupted, which stops the runner on the device. */
    void cancel() {
        Task<FinishedRun> t = current;
        if (t != null && !t.isDone()) t.cancel(true);
    }

    private GenerateSpec spec() {
        DeviceInfo d = device.get();
        if (d == null) throw new IllegalArgumentException("Choose a device: a phone from the list, or the virtual device.");
        if (!d.virtual() && !d.online()) {
            throw new IllegalArgumentException("Device " + d.serial() + " is " + d.state()
                    + (d.state().equals("unauthorized") ? ": accept the RSA prompt on the phone first." : "."));
        }
        String b = bundle.get() == null ? "" : bundle.get().trim();
        if (b.isEmpty()) throw new IllegalArgumentException("Choose a bundle folder (make one on the Convert page).");
        Path bundleDir;
        try {
            bundleDir = Path.of(b);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("The bundle folder “" + b + "” is not a valid path: " + e.getReason());
        }
        // Whether it holds a manifest is checked by the run, off the FX thread (RunTask).
        String p = prompt.get() == null ? "" : prompt.get().trim();
        if (p.isEmpty()) throw new IllegalArgumentException("Type a prompt: what the image should show.");
        Path out = services.workspace().resolve("runs").resolve(LocalDateTime.now().format(STAMP) + "-"
                + bundleDir.getFileName());
        return new GenerateSpec(d.virtual() ? DeviceLink.VIRTUAL_SERIAL : d.serial(), bundleDir, p,
                negativePrompt.get() == null ? "" : negativePrompt.get(), GenerateInputs.seed(seed.get()),
                GenerateInputs.steps(steps.get()), GenerateInputs.cfg(cfg.get()),
                TIMING_BLOCKWISE.equals(timing.get()) ? RunMode.BLOCKWISE : RunMode.WHOLE, 0, TIMEOUT, out,
                SCHEDULER_DEFAULT.equals(scheduler.get()) ? null : scheduler.get(), null,
                TIMING_OPS.equals(timing.get()) ? dev.snapfusion.runner.protocol.Profile.OPS : dev.snapfusion.runner.protocol.Profile.NONE);
    }

    /** A fresh random seed in the runner's range (the dice button). */
    void rollSeed() {
        seed.set(Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(0, 1L << 31)));
    }

    private void showRun(FinishedRun f, GenerateSpec spec) {
        RunOutcome o = f.outcome();
        if (f.image() != null) image.set(f.image());
        RunTimings t = f.timings();
        timings.set(t);
        double total = o.events().stream().filter(e -> e instanceof RunnerEvent.Done)
                .mapToDouble(e -> ((RunnerEvent.Done) e).totalMs()).findFirst().orElse(t == null ? 0 : t.totalMs());
        String label = LocalDateTime.now().format(TIME) + "  " + spec.bundleDir().getFileName() + " · "
                + (t == null ? "" : t.steps() + " steps · ") + "seed " + spec.seed() + " · " + GenerateInputs.ms(total);
        RunRecord r = new RunRecord(o.localRunDir(), label);
        runs.add(0, r);
        selectedRun.set(r);
        status.set("Done in " + GenerateInputs.ms(total) + "; run folder " + o.localRunDir());
    }

    /** Writes a comparison of two runs and shows it on the Compare page. */
    void compare(RunRecord a, Path b) {
        Path out = services.workspace().resolve("reports").resolve("compare-" + LocalDateTime.now().format(STAMP));
        error.set("");
        busy.set(true);
        status.set("Comparing " + a.dir().getFileName() + " with " + b.getFileName() + "…");
        worker.execute(() -> {
            try {
                ComparisonReport r = services.compareRuns(a.dir(), b, out);
                Platform.runLater(() -> {
                    busy.set(false);
                    status.set("Comparison written to " + out);
                    bus.publish(new ReportReadyEvent(out, r));
                    bus.publish(new NavigateEvent(PageId.COMPARE));
                });
            } catch (Exception | LinkageError e) {
                String m = Messages.describe(e);
                Platform.runLater(() -> {
                    busy.set(false);
                    status.set("");
                    error.set("Cannot compare the runs: " + m);
                });
            }
        });
    }

    private void finish() {
        progress.unbind();
        status.unbind();
        busy.set(false);
    }
}
