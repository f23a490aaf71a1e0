package dev.snapfusion.runner.pipeline;

import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.protocol.OpProfile;
import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.OpProfiling;
import dev.snapfusion.runner.tflite.TfliteModel;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After a normal run, one profiled whole-graph pass of each component, each after one warm-up pass, on the run's own
 * inputs (docs/op-profile.md). Each component is loaded with the profiler, run and freed in turn, as in the run.
 * Needs a runtime that {@link TfliteRuntime#profilesOps() profiles ops}. Not thread-safe.
 */
final class OpProfilePhase {
    static final int WARMUPS = 1;
    static final int PASSES = 1;

    private final TfliteRuntime runtime;
    private final File bundleDir;
    private final BundleManifest m;
    private final int threads;
    private final Backend backend;

    OpProfilePhase(TfliteRuntime runtime, File bundleDir, BundleManifest m, int threads, Backend backend) {
        this.runtime = runtime;
        this.bundleDir = bundleDir;
        this.m = m;
        this.threads = threads;
        this.backend = backend;
    }

    /** @param inputs per component name, its inputs in file order; components absent from the bundle are noted */
    OpProfile profile(Map<String, Object[]> inputs, String device) {
        List<OpProfile.Component> components = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add("each op time is the mean of " + PASSES + " profiled pass(es) after " + WARMUPS + " warm-up, with "
                + "TFLite's telemetry profiler attached; invoke_ms includes profiler_ms, the time its callbacks took");
        for (Map.Entry<String, Object[]> e : new LinkedHashMap<>(inputs).entrySet()) {
            if (!m.components().containsKey(e.getKey())) {
                notes.add(e.getKey() + " was not profiled: the bundle has no whole " + e.getKey() + " file (over TFLite's "
                        + "2 GB limit at this precision); profile its block files with benchmark_model instead");
                continue;
            }
            components.add(profileOne(e.getKey(), e.getValue()));
        }
        return new OpProfile(runtime.describe(), device, m.id(), backend.wireName(), threads, WARMUPS, PASSES,
                components, notes);
    }

    private OpProfile.Component profileOne(String component, Object[] in) {
        File f = new File(bundleDir, m.component(component).file());
        try (TfliteModel model = runtime.loadProfiled(f, threads, backend)) {
            OpProfiling p = OpProfiling.of(model).orElseThrow(() -> new IllegalStateException(
                    runtime.describe() + " says it profiles ops but its model does not implement OpProfiling"));
            for (int i = 0; i < WARMUPS; i++) model.run(in);
            p.resetOpTimes();
            double invokeMs = 0;
            for (int i = 0; i < PASSES; i++) {
                model.run(in);
                invokeMs += model.lastInvokeMs();
            }
            boolean unet = component.equals(BundleManifest.UNET);
            List<String> order = new ArrayList<>();
            if (unet) for (Block b : m.blocks()) order.add(b.id());
            return ComponentSummary.summarize(component, invokeMs / PASSES, p.profilerOverheadMs(), p.opTimes(),
                    p.opaquePartitions(), unet ? new BlockAttribution(m.blocks()) : null, order);
        }
    }
}
