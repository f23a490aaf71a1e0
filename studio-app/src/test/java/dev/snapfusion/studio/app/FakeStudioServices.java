package dev.snapfusion.studio.app;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertRequest;
import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.link.DeviceGoneException;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.DeviceStorage;
import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.PushProgress;
import dev.snapfusion.link.PushReport;
import dev.snapfusion.link.RunOutcome;
import dev.snapfusion.runner.protocol.RunTimingsCodec;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.studio.common.ProgressSink;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.job.ConvertSpec;
import dev.snapfusion.studio.config.SettingsStore;
import dev.snapfusion.studio.config.StudioSettings;
import dev.snapfusion.studio.job.GenerateSpec;
import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.ReportReader;
import dev.snapfusion.studio.report.ReportWriter;
import dev.snapfusion.studio.report.RunExtras;
import dev.snapfusion.studio.report.RunFixtures;
import dev.snapfusion.studio.services.DemoResult;
import dev.snapfusion.studio.services.DeviceDetails;
import dev.snapfusion.studio.services.DeviceList;
import dev.snapfusion.studio.services.StudioServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Stands in for the studio without adb: the demo and generate write fixture run folders, convert runs the
 * real converter on the demo sources, and the device list is whatever the test emits. Tests can hold a
 * conversion or a run at a known point with {@link #convertGate} and {@link #stepGate}.
 */
class FakeStudioServices implements StudioServices {
    static final DeviceInfo VIRTUAL = new DeviceInfo("virtual", "virtual", "available", "virtual", "snapfusion_virtual", true);

    private final Path workspace;
    private final long phaseMillis;
    private final List<Consumer<DeviceList>> watchers = new CopyOnWriteArrayList<>();
    private volatile DeviceList devices = new DeviceList(List.of(VIRTUAL), List.of());
    final Map<String, DeviceDetails> details = new ConcurrentHashMap<>();
    final List<String> remoteServers = new CopyOnWriteArrayList<>();
    /** Counted down by the test to let a conversion go on after its first progress report. */
    volatile CountDownLatch convertGate = new CountDownLatch(0);
    /** Counted down by the test to let a run go on after step {@link #pauseAfterStep}. */
    volatile CountDownLatch stepGate = new CountDownLatch(0);
    volatile int pauseAfterStep = 3;

    FakeStudioServices(Path workspace, long phaseMillis) {
        this.workspace = workspace;
        this.phaseMillis = phaseMillis;
        this.settingsStore = SettingsStore.in(workspace);
        this.settings = settingsStore.load();
    }

    @Override
    public DemoResult runDemo(Path outDir, ProgressSink progress) throws Exception {
        progress.update("Converting", -1, "demo SnapFusion and SD-v1.5 sources");
        Thread.sleep(phaseMillis);
        progress.update("Pushing", 0.3, "unet.tflite 312 / 1,640 MiB");
        Thread.sleep(phaseMillis);
        progress.update("Generating", 0.6, "SnapFusion step 8 / 8");
        Path sf = RunFixtures.snapFusionRun(outDir.resolve("runs/snapfusion"));
        Thread.sleep(phaseMillis);
        progress.update("Generating", 0.8, "SD-v1.5 step 50 / 50");
        Path sd = RunFixtures.sd15Run(outDir.resolve("runs/sd15"));
        progress.update("Comparing", 0.95, "");
        ComparisonReport r = ComparisonReport.fromRunDirs(sf, new RunExtras(826_000_000L, "Pixel 8 Pro"), sd,
                new RunExtras(1_720_000_000L, "Pixel 8 Pro"));
        ReportWriter.write(r, outDir);
        return new DemoResult(outDir, ReportReader.read(outDir));
    }

    @Override
    public Path workspace() {
        return workspace;
    }

    @Override
    public ConvertedBundle convert(String source, Quantization quant, Path outDir, ProgressSink progress) throws Exception {
        progress.update("Converting", 0.5, "unet.tflite");
        if (!convertGate.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("test never opened the gate");
        return BundleConverter.convert(source, quant, outDir, (d, t, w) -> progress.update("Converting", (double) d / t, w));
    }

    @Override
    public DeviceList devices() {
        return devices;
    }

    @Override
    public AutoCloseable watchDevices(Consumer<DeviceList> onChange) {
        watchers.add(onChange);
        onChange.accept(devices);
        return () -> watchers.remove(onChange);
    }

    /** What a hot-plug looks like: the new list arrives on a watcher thread, not the FX thread. */
    void emit(DeviceList list) throws InterruptedException {
        devices = list;
        Thread t = new Thread(() -> watchers.forEach(w -> w.accept(list)), "fake-track-devices");
        t.start();
        t.join();
    }

    @Override
    public DeviceDetails deviceDetails(DeviceInfo device) {
        DeviceDetails d = details.get(device.serial());
        if (d == null) throw new IllegalArgumentException("no device '" + device.serial() + "'");
        return d;
    }

    @Override
    public void startVirtualDevice() {
        List<DeviceInfo> now = new ArrayList<>();
        for (DeviceInfo d : devices.devices()) {
            now.add(d.virtual() ? new DeviceInfo(d.server(), d.serial(), "device", d.model(), d.product(), true) : d);
        }
        devices = new DeviceList(now, devices.warnings());
    }

    @Override
    public void addRemoteServer(String hostPort) {
        remoteServers.add(hostPort);
        saveSettings(settings.withRemoteServer(hostPort));
        List<DeviceInfo> now = new ArrayList<>(devices.devices());
        now.add(0, new DeviceInfo(hostPort, "farm-phone-1", "device", "Galaxy_S23", "dm1q", false));
        devices = new DeviceList(now, devices.warnings());
    }

    /** The last request the page made. */
    volatile GenerateSpec lastSpec;

    @Override
    public RunOutcome generate(GenerateSpec spec, ProgressSink pushProgress, Consumer<RunnerEvent> onEvent)
            throws Exception {
        lastSpec = spec;
        pushProgress.update("Pushing", 0.5, "unet.tflite (120 MB/s)");
        boolean sd15 = spec.bundleDir().getFileName().toString().contains("sd15");
        // The fixture runs have 50 (SD-v1.5) and 8 (SnapFusion) steps; emit as many so the page and timings agree.
        int steps = spec.steps() > 0 ? spec.steps() : sd15 ? 50 : 8;
        List<RunnerEvent> events = new ArrayList<>();
        Consumer<RunnerEvent> emit = e -> {
            events.add(e);
            onEvent.accept(e);
        };
        emit.accept(new RunnerEvent.Hello(1, "fake-runner", "2.6.2", spec.device(), "x86_64"));
        emit.accept(new RunnerEvent.Loaded("unet", 412, 3_400_000));
        for (int i = 1; i <= steps; i++) {
            emit.accept(new RunnerEvent.Step(i, steps, 1000 - i * 1000 / steps, sd15 ? 1700 : 230));
            if (i == pauseAfterStep && !stepGate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never opened the gate");
            }
            Thread.sleep(phaseMillis / steps);
        }
        Path dir = sd15 ? RunFixtures.sd15Run(spec.outDir()) : RunFixtures.snapFusionRun(spec.outDir());
        double totalMs = RunTimingsCodec.parse(Files.readString(dir.resolve("timings.json"))).totalMs();
        emit.accept(new RunnerEvent.Done("image.png", "timings.json", totalMs));
        return new RunOutcome(0, false, events, List.of(), List.of(), Optional.of(dir.resolve("image.png")),
                Optional.of(dir.resolve("timings.json")), dir, Duration.ofMillis(phaseMillis));
    }

    @Override
    public ComparisonReport compareRuns(Path runA, Path runB, Path outDir) {
        ComparisonReport r = ComparisonReport.fromRunDirs(runA, runB);
        ReportWriter.write(r, outDir);
        return r;
    }

    /** The last conversion with overrides that a page asked for (the Models page). */
    volatile ConvertSpec lastConvertSpec;
    /** Serials a bundle was pushed to, in the order the pushes ended. */
    final List<String> pushed = new CopyOnWriteArrayList<>();
    /** Serials whose push fails, as a phone unplugged mid-way would. */
    final Set<String> failingPushes = ConcurrentHashMap.newKeySet();

    @Override
    public ConvertedBundle convert(ConvertSpec spec, ProgressSink progress) throws Exception {
        lastConvertSpec = spec;
        progress.update("Converting", 0.5, "unet.tflite");
        if (!convertGate.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("test never opened the gate");
        // What reaches the call is what these tests check; the final-image check is the Convert page tests' business.
        return BundleConverter.convert(ConvertRequest.of(spec.source(), spec.outDir()).recipe(spec.recipe()).imageParity(false)
                .listener((d, t, w) -> progress.update("Converting", (double) d / t, w)));
    }

    // Settings: the real store in the fake's workspace, so tests can read it back with a new store.
    final SettingsStore settingsStore;
    private volatile StudioSettings settings;

    @Override
    public StudioSettings settings() {
        return settings;
    }

    @Override
    public void saveSettings(StudioSettings next) {
        settingsStore.save(next);
        settings = next;
    }

    @Override
    public void removeRemoteServer(String hostPort) {
        remoteServers.remove(hostPort);
        saveSettings(settings.withoutRemoteServer(hostPort));
        List<DeviceInfo> now = new ArrayList<>(devices.devices());
        now.removeIf(d -> d.server().equals(hostPort));
        devices = new DeviceList(now, devices.warnings());
    }

    // Pushes: 40 MB in four chunks of unet.tflite. A push waits after its second chunk until its gate opens (polling the
    // cancel flag meanwhile); a serial in failAfterHalf is "unplugged" there; one in upToDate skips everything.
    static final long PUSH_BYTES = 40_000_000L;
    final Map<String, CountDownLatch> pushGates = new ConcurrentHashMap<>();
    final java.util.Set<String> failAfterHalf = ConcurrentHashMap.newKeySet();
    final java.util.Set<String> upToDate = ConcurrentHashMap.newKeySet();
    /** Serials whose push is waiting at its gate, so a test knows the row shows mid-way progress. */
    final java.util.Set<String> waitingAtGate = ConcurrentHashMap.newKeySet();

    @Override
    public PushReport pushBundle(DeviceInfo device, Path bundleDir, PushListener listener, BooleanSupplier cancelled)
            throws Exception {
        String serial = device.serial();
        String id = bundleDir.getFileName().toString();
        if (failingPushes.contains(serial)) throw new StudioError(serial + " went away mid-push");
        if (upToDate.contains(serial)) {
            for (String f : List.of("text_encoder.tflite", "unet.tflite", "decoder.tflite")) listener.onSkipped(f, 1000);
            return new PushReport(id, "/data/local/tmp/snapfusion/bundles/" + id, List.of(),
                    List.of("text_encoder.tflite", "unet.tflite", "decoder.tflite", "manifest.json"), 0, PUSH_BYTES, 0.01);
        }
        long chunk = PUSH_BYTES / 4;
        for (int i = 1; i <= 4; i++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("push to " + serial + " cancelled");
            listener.onProgress(new PushProgress("unet.tflite", i * chunk, PUSH_BYTES, i * chunk, PUSH_BYTES, 80,
                    Duration.ofSeconds(4 - i)));
            if (i == 2) {
                CountDownLatch gate = pushGates.getOrDefault(serial, new CountDownLatch(0));
                waitingAtGate.add(serial);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                try {
                    while (!gate.await(20, TimeUnit.MILLISECONDS)) {
                        if (cancelled.getAsBoolean()) throw new CancellationException("push to " + serial + " cancelled");
                        if (System.nanoTime() > deadline) throw new IllegalStateException("test never opened the gate");
                    }
                } finally {
                    waitingAtGate.remove(serial);
                }
                if (failAfterHalf.contains(serial)) {
                    throw new DeviceGoneException("device '" + serial + "' not found (unplugged?)", null);
                }
            }
        }
        pushed.add(serial);
        contents.computeIfAbsent(serial, s -> new CopyOnWriteArrayList<>()).add(new DeviceStorage.Item(
                DeviceStorage.Kind.BUNDLE, id, "/data/local/tmp/snapfusion/bundles/" + id, PUSH_BYTES, true));
        return new PushReport(id, "/data/local/tmp/snapfusion/bundles/" + id, List.of("unet.tflite", "manifest.json"),
                List.of("text_encoder.tflite"), PUSH_BYTES, 1000, 0.5);
    }

    /** What each device holds, by serial. */
    final Map<String, List<DeviceStorage.Item>> contents = new ConcurrentHashMap<>();
    final List<String> deleted = new CopyOnWriteArrayList<>();

    @Override
    public List<DeviceStorage.Item> deviceContents(DeviceInfo device) {
        return List.copyOf(contents.getOrDefault(device.serial(), List.of()));
    }

    @Override
    public void deleteFromDevice(DeviceInfo device, DeviceStorage.Kind kind, String id) {
        List<DeviceStorage.Item> items = contents.getOrDefault(device.serial(), new CopyOnWriteArrayList<>());
        if (!items.removeIf(i -> i.kind() == kind && i.id().equals(id))) {
            throw new IllegalArgumentException("no " + kind + " '" + id + "' on " + device.serial());
        }
        deleted.add(device.serial() + "/" + id);
    }
}
