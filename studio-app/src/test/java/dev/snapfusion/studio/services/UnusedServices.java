package dev.snapfusion.studio.services;

import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.RunOutcome;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.studio.common.ProgressSink;
import dev.snapfusion.studio.job.GenerateSpec;
import dev.snapfusion.studio.report.ComparisonReport;
import java.nio.file.Path;
import java.util.function.Consumer;

/** For tests that exercise one service: every other call fails loudly, so an unexpected call cannot pass unnoticed. */
public abstract class UnusedServices implements StudioServices {
    private static UnsupportedOperationException unused(String what) {
        return new UnsupportedOperationException(what + " is not used in this test");
    }

    @Override
    public DemoResult runDemo(Path outDir, ProgressSink progress) {
        throw unused("runDemo");
    }

    @Override
    public ConvertedBundle convert(String source, Quantization quant, Path outDir, ProgressSink progress) {
        throw unused("convert");
    }

    @Override
    public DeviceList devices() {
        throw unused("devices");
    }

    @Override
    public AutoCloseable watchDevices(Consumer<DeviceList> onChange) {
        throw unused("watchDevices");
    }

    @Override
    public DeviceDetails deviceDetails(DeviceInfo device) {
        throw unused("deviceDetails");
    }

    @Override
    public void startVirtualDevice() {
        throw unused("startVirtualDevice");
    }

    @Override
    public void addRemoteServer(String hostPort) {
        throw unused("addRemoteServer");
    }

    @Override
    public RunOutcome generate(GenerateSpec spec, ProgressSink pushProgress, Consumer<RunnerEvent> onEvent) {
        throw unused("generate");
    }

    @Override
    public ComparisonReport compareRuns(Path runA, Path runB, Path outDir) {
        throw unused("compareRuns");
    }
}
