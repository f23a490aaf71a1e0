package dev.snapfusion.studio.services;

import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.link.Device;
import dev.snapfusion.link.DeviceFacts;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.DeviceLink;
import dev.snapfusion.link.DeviceStorage;
import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.PushReport;
import dev.snapfusion.link.RunOutcome;
import dev.snapfusion.link.ShellResult;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.studio.common.ProgressSink;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.config.SettingsStore;
import dev.snapfusion.studio.config.StudioSettings;
import dev.snapfusion.studio.evolution.Evolution;
import dev.snapfusion.studio.evolution.EvolveResult;
import dev.snapfusion.studio.evolution.EvolveSpec;
import dev.snapfusion.studio.job.ConvertSpec;
import dev.snapfusion.studio.job.DemoJob;
import dev.snapfusion.studio.job.GenerateSpec;
import dev.snapfusion.studio.job.Studio;
import dev.snapfusion.studio.report.ComparisonReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The workbench's services, backed by the same {@link Studio} core as the command line. */
public final class StudioServicesImpl implements StudioServices {
    private final Studio studio;
    private final String device;
    private final SettingsStore settingsStore;
    private volatile StudioSettings settings;

    /** With the settings of the studio's workspace; the caller has already applied them to {@code studio}'s link. */
    public StudioServicesImpl(Studio studio, String device) {
        this(studio, device, SettingsStore.in(studio.workspace().root()));
    }

    public StudioServicesImpl(Studio studio, String device, SettingsStore settingsStore) {
        this.studio = studio;
        this.device = device;
        this.settingsStore = settingsStore;
        this.settings = settingsStore.load();
    }

    @Override
    public DemoResult runDemo(Path outDir, ProgressSink progress) throws Exception {
        return new DemoResult(outDir, new DemoJob(studio, device).run(outDir, progress));
    }

    @Override
    public Path workspace() {
        return studio.workspace().root();
    }

    @Override
    public ConvertedBundle convert(String source, Quantization quant, Path outDir, ProgressSink progress)
            throws IOException {
        return studio.convert(source, quant, outDir,
                (done, total, what) -> progress.update("Converting", total == 0 ? -1 : (double) done / total, what));
    }

    @Override
    public ConvertedBundle convert(ConvertSpec spec, ProgressSink progress) throws IOException {
        return studio.convert(spec.source(), spec.recipe(), spec.outDir(),
                (done, total, what) -> progress.update("Converting", total == 0 ? -1 : (double) done / total, what));
    }

    /** Push progress as Generate shows it: the bundle's fraction, the file and the rate. */
    private static PushListener pushListener(ProgressSink progress) {
        return p -> progress.update("Pushing", p.totalFraction(),
                String.format(Locale.ROOT, "%s (%.0f MB/s)", p.file(), p.megabytesPerSecond()));
    }

    @Override
    public DeviceList devices() {
        DeviceLink link = studio.link();
        return new DeviceList(link.devices(), warnings(link));
    }

    @Override
    public AutoCloseable watchDevices(Consumer<DeviceList> onChange) {
        DeviceLink link = studio.link();
        return link.watch(list -> onChange.accept(new DeviceList(list, warnings(link))));
    }

    private static List<String> warnings(DeviceLink link) {
        List<String> w = new ArrayList<>();
        if (!link.localServerAvailable()) {
            w.add("No local adb server (" + link.localServerProblem() + "): phones on USB are not listed; "
                    + "the virtual device still works.");
        }
        w.addAll(link.warnings());
        return w;
    }

    @Override
    public DeviceDetails deviceDetails(DeviceInfo info) {
        try (Device d = studio.link().connect(info)) {
            DeviceFacts f = d.facts();
            return new DeviceDetails(f.model(), f.manufacturer(), f.androidRelease(), f.sdk(), f.abiList(),
                    totalRam(d), f.description());
        } catch (IllegalArgumentException e) {
            throw new StudioError(e.getMessage(), e);
        }
    }

    /** MemTotal from /proc/meminfo in bytes; -1 when the device does not answer (RAM is shown as unknown). */
    static long totalRam(Device d) {
        ShellResult r = d.shell(List.of("cat", "/proc/meminfo"));
        return r.exitCode() == 0 ? parseMemTotal(r.stdout()) : -1;
    }

    static long parseMemTotal(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (!line.startsWith("MemTotal:")) continue;
            String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
            try {
                return Long.parseLong(parts[0]) * 1024;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    @Override
    public void startVirtualDevice() {
        try (Device d = studio.link().connect(DeviceLink.VIRTUAL_SERIAL)) {
            d.facts();
        }
    }

    @Override
    public synchronized void addRemoteServer(String hostPort) {
        studio.addRemoteServer(hostPort);
        saveOnly(settings.withRemoteServer(hostPort));
    }

    @Override
    public synchronized void removeRemoteServer(String hostPort) {
        studio.removeRemoteServer(hostPort);
        saveOnly(settings.withoutRemoteServer(hostPort));
    }

    @Override
    public StudioSettings settings() {
        return settings;
    }

    @Override
    public synchronized void saveSettings(StudioSettings next) {
        saveOnly(next);
        studio.useAdbBinary(next.adbBinary());
        for (String s : studio.remoteServers()) if (!next.remoteServers().contains(s)) studio.removeRemoteServer(s);
        for (String s : next.remoteServers()) studio.addRemoteServer(s);
    }

    private void saveOnly(StudioSettings next) {
        settingsStore.save(next);
        settings = next;
    }

    @Override
    public PushReport pushBundle(DeviceInfo target, Path bundleDir, PushListener listener,
                                 BooleanSupplier cancelled) {
        CancellingListener l = new CancellingListener(listener, cancelled, target.serial());
        l.check();
        return studio.push(bundleDir, target, l);
    }

    @Override
    public List<DeviceStorage.Item> deviceContents(DeviceInfo info) {
        try (Device d = studio.link().connect(info)) {
            return DeviceStorage.list(d);
        } catch (IllegalArgumentException e) {
            throw new StudioError(e.getMessage(), e);
        }
    }

    @Override
    public void deleteFromDevice(DeviceInfo info, DeviceStorage.Kind kind, String id) {
        try (Device d = studio.link().connect(info)) {
            if (kind == DeviceStorage.Kind.BUNDLE) DeviceStorage.deleteBundle(d, id);
            else DeviceStorage.deleteRun(d, id);
        } catch (IllegalArgumentException e) {
            throw new StudioError(e.getMessage(), e);
        }
    }

    @Override
    public RunOutcome generate(GenerateSpec spec, ProgressSink pushProgress, Consumer<RunnerEvent> onEvent)
            throws IOException {
        return studio.generate(withDefaultThreads(spec, settings.runnerThreads()), pushListener(pushProgress), onEvent);
    }

    /** The Settings page's runner threads, where the request leaves the count to the device (threads <= 0). */
    static GenerateSpec withDefaultThreads(GenerateSpec s, int threads) {
        if (s.threads() > 0 || threads <= 0) return s;
        return new GenerateSpec(s.device(), s.bundleDir(), s.prompt(), s.negativePrompt(), s.seed(), s.steps(), s.cfg(),
                s.mode(), threads, s.timeout(), s.outDir(), s.scheduler(), s.initLatents(), s.profile());
    }

    @Override
    public ComparisonReport compareRuns(Path runA, Path runB, Path outDir) {
        return studio.compare(runA, runB, outDir);
    }

    @Override
    public EvolveResult evolve(EvolveSpec spec, ProgressSink progress) throws Exception {
        return new Evolution(studio).run(spec, progress);
    }
}
