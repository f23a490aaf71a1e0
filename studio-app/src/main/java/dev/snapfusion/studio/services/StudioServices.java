package dev.snapfusion.studio.services;

import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.DeviceStorage;
import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.PushReport;
import dev.snapfusion.link.RunOutcome;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.studio.common.ProgressSink;
import dev.snapfusion.studio.config.StudioSettings;
import dev.snapfusion.studio.evolution.EvolveResult;
import dev.snapfusion.studio.evolution.EvolveSpec;
import dev.snapfusion.studio.job.ConvertSpec;
import dev.snapfusion.studio.job.GenerateSpec;
import dev.snapfusion.studio.job.SourceBlocks;
import dev.snapfusion.studio.report.ComparisonReport;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Everything the workbench asks of the rest of the studio. The workbench calls these off the FX thread,
 * so implementations may block; they must be safe to call from a background thread. Every method that
 * can fail throws an exception whose message a person can act on; the workbench shows the message, not
 * the stack trace.
 *
 * <pre>{@code
 * StudioApp.setServices(new MyServices(workspace));
 * Application.launch(StudioApp.class, args);
 * }</pre>
 */
public interface StudioServices {
    /**
     * Converts the demo models, pushes them, generates with SnapFusion and SD-v1.5 and writes the comparison report.
     *
     * @param outDir a fresh folder for this run's report (the services may create it)
     */
    DemoResult runDemo(Path outDir, ProgressSink progress) throws Exception;

    /** Root folder for the studio's files; bundles, runs and reports go under it. */
    Path workspace();

    /** Converts {@code source} (demo:snapfusion, demo:sd15 or a preset file) into a bundle in {@code outDir}. */
    ConvertedBundle convert(String source, Quantization quant, Path outDir, ProgressSink progress) throws Exception;

    /** The devices of every adb server plus the virtual device, now. */
    DeviceList devices() throws Exception;

    /**
     * Hot-plug: calls {@code onChange} (on any thread) with the whole list now and whenever it changes,
     * until the returned handle is closed.
     */
    AutoCloseable watchDevices(Consumer<DeviceList> onChange) throws Exception;

    /** Model, Android version, ABI and RAM of an online device (connects to it). */
    DeviceDetails deviceDetails(DeviceInfo device) throws Exception;

    /** Starts the virtual device (the studio's own adbd on 127.0.0.1) if it is not running. */
    void startVirtualDevice() throws Exception;

    /** Adds another adb server ("host:port", an ssh tunnel in practice); its devices join the list. */
    void addRemoteServer(String hostPort) throws Exception;

    /**
     * Pushes the bundle if the device lacks it, runs it and pulls the image and timings into
     * {@code spec.outDir()}. {@code onEvent} gets the runner's events live, on a background thread.
     */
    RunOutcome generate(GenerateSpec spec, ProgressSink pushProgress, Consumer<RunnerEvent> onEvent) throws Exception;

    /** Compares two run folders (the report picks the baseline) and writes report.json and report.html to {@code outDir}. */
    ComparisonReport compareRuns(Path runA, Path runB, Path outDir) throws Exception;

    /**
     * The evolution explorer (docs/evolve.md): latency table for the device, importance by skipping blocks, the greedy
     * path to {@code spec.targetMs()}, and the preset it writes. Long: minutes on big bundles.
     */
    default EvolveResult evolve(EvolveSpec spec, ProgressSink progress) throws Exception {
        throw new UnsupportedOperationException("this studio cannot run the evolution explorer");
    }

    /**
     * Converts with a full recipe: {@code spec.quant()} with per-component, per-block and per-weight overrides and int8
     * granularities (docs/quantization.md), as {@code studio convert --override/--keep-fp32/--granularity} does.
     */
    default ConvertedBundle convert(ConvertSpec spec, ProgressSink progress) throws Exception {
        if (!spec.overrides().isEmpty()) throw new UnsupportedOperationException("this studio cannot convert with overrides");
        return convert(spec.source(), spec.quant(), spec.outDir(), progress);
    }

    /** The UNet block ids {@code source} converts to, in table order, for per-block overrides. Plans only; fast. */
    default List<String> unetBlocks(String source) throws Exception {
        return SourceBlocks.ids(source);
    }

    // Devices and Models pages: push; Devices: what a device holds, servers. Settings page: the settings. (Defaults keep older fakes compiling.)

    /**
     * Pushes a bundle to one device ({@code BundlePusher}: verified files are skipped, stale partial files removed,
     * manifest last). {@code listener} is called on the calling thread. Once {@code cancelled} turns true, the push stops
     * at its next chunk (64 KiB) with a {@link java.util.concurrent.CancellationException}; the next push removes what it
     * left. Several pushes to different devices may run at once, one per thread.
     */
    default PushReport pushBundle(DeviceInfo device, Path bundleDir, PushListener listener, BooleanSupplier cancelled)
            throws Exception {
        throw new UnsupportedOperationException("this studio cannot push bundles");
    }

    /** The bundles and runs the studio keeps on an online device, with their sizes ({@code studio ls}). */
    default List<DeviceStorage.Item> deviceContents(DeviceInfo device) throws Exception {
        throw new UnsupportedOperationException("this studio cannot list a device's contents");
    }

    /** Deletes one bundle or run from a device ({@code studio clean}). */
    default void deleteFromDevice(DeviceInfo device, DeviceStorage.Kind kind, String id) throws Exception {
        throw new UnsupportedOperationException("this studio cannot delete from a device");
    }

    /** Stops listing an adb server added with {@link #addRemoteServer}; it is also dropped from the saved settings. */
    default void removeRemoteServer(String hostPort) throws Exception {
        throw new UnsupportedOperationException("this studio cannot remove adb servers");
    }

    /** The settings in force (cheap: kept in memory, read from the workspace once). */
    default StudioSettings settings() {
        return StudioSettings.DEFAULTS;
    }

    /**
     * Saves the settings to {@code <workspace>/settings/studio.properties} and applies them: a new adb path or other
     * remote servers reopen the device link (which stops a virtual device it started; re-watch the devices after).
     */
    default void saveSettings(StudioSettings settings) throws Exception {
        throw new UnsupportedOperationException("this studio cannot save settings");
    }
}
