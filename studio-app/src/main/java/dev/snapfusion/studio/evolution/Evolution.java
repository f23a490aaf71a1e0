package dev.snapfusion.studio.evolution;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.source.PipelineSource;
import dev.snapfusion.link.PushListener;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.runner.protocol.RunTimingsCodec;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import dev.snapfusion.studio.common.ProgressSink;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.job.GenerateSpec;
import dev.snapfusion.studio.job.Studio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evolution explorer (docs/evolve.md): latency table for the device (measured once through the normal generate
 * service, then reused), removal candidates, importance by skipping blocks in-process, the greedy path to a latency
 * target, and the preset it proposes. Runs on the caller's thread, so never on the FX thread. Not thread-safe.
 *
 * <pre>{@code
 * try (Studio s = new Studio(Workspace.defaultLocation(), LinkOptions.defaults())) {
 *     EvolveResult r = new Evolution(s).run(spec, ProgressSink.NONE);
 * }
 * }</pre>
 */
public final class Evolution {
    static final String LUT_PROMPT = "a red circle on a blue background";
    private final Studio studio;
    private final TfliteRuntime runtime;

    public Evolution(Studio studio) {
        this(studio, TfliteRuntime.current());
    }

    public Evolution(Studio studio, TfliteRuntime runtime) {
        this.studio = studio;
        this.runtime = runtime;
    }

    public EvolveResult run(EvolveSpec spec, ProgressSink progress) throws IOException {
        BundleManifest m = Studio.readManifest(spec.bundleDir());
        LatencyTable lut = latencyTable(m, spec, progress);
        SkipCandidates candidates = SkipCandidates.of(m, spec.bundleDir(), runtime);
        int passes = m.defaultCfg() > 1 ? 2 : 1;
        GreedySearch.Cost cost = cost(m, lut, passes);
        checkReachable(spec.targetMs(), candidates, cost);
        int steps = spec.steps() > 0 ? spec.steps() : m.defaultSteps();
        QualityProbe probe = new QualityProbe(spec.bundleDir(), m, spec.prompts(), spec.seedList(), steps, m.defaultCfg(),
                studio.workspace().root(), runtime);
        int perProbe = spec.prompts().size() * spec.seeds();
        GreedySearch.Result search = new GreedySearch(cost, probe).run(candidates.skippable(), spec.targetMs(), new GreedySearch.Listener() {
            @Override
            public void probed(int done, int total, String block) {
                progress.update("Probing", 0.1 + 0.7 * done / Math.max(1, total), done == total ? "ranked " + total
                        + " blocks" : String.format(Locale.ROOT, "skip %s (%d/%d, %d runs each)", block, done + 1, total, perProbe));
            }

            @Override
            public void stepped(PathStep s) {
                progress.update("Removing", 0.85, String.format(Locale.ROOT, "-%s → %.1f ms, SSIM %.3f", s.removed(),
                        s.latencyMs(), s.quality().ssim()));
            }
        });
        PipelinePreset base = basePreset(m);
        String name = LatencyTables.slug(base.name().replace(':', '-')) + "-evolved-" + Math.round(spec.targetMs()) + "ms";
        PresetExport export = PresetExport.of(base, m, search.removed(), name);
        Path file = spec.outDir().resolve(name + ".json");
        export.write(file);
        progress.update("Done", 1, "preset " + file);
        return new EvolveResult(m.id(), lut, candidates, passes, spec.targetMs(), search, export, file,
                cost.stepMs(export.removed()), cost.stepFlops(export.removed()), probe.cacheDir());
    }

    /** The table for this device and bundle from the workspace, or one blockwise generate run to make it. */
    public LatencyTable latencyTable(BundleManifest m, EvolveSpec spec, ProgressSink progress) throws IOException {
        LatencyTables tables = new LatencyTables(studio.workspace().root());
        var found = tables.find(spec.device(), m.id());
        if (found.isPresent()) {
            progress.update("Latency", 0.1, "table of " + found.get().describe());
            return found.get();
        }
        Path runDir = studio.workspace().runs().resolve("evolve-lut-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + m.id());
        progress.update("Latency", 0.0, "no latency table for " + spec.device() + " / " + m.id() + "; one blockwise run");
        studio.generate(new GenerateSpec(spec.device(), spec.bundleDir(), LUT_PROMPT, "", 42, 1, -1, RunMode.BLOCKWISE, 0,
                Duration.ofMinutes(30), runDir), PushListener.NONE, e -> {
                    if (e instanceof RunnerEvent.BlockTiming b) progress.update("Latency", 0.05, "timed " + b.id());
                });
        RunTimings t = RunTimingsCodec.parse(Files.readString(runDir.resolve("timings.json")));
        LatencyTable table = LatencyTable.fromRuns(spec.device(), List.of(t), List.of(runDir.toString()));
        tables.save(table);
        return table;
    }

    static GreedySearch.Cost cost(BundleManifest m, LatencyTable lut, int passes) {
        List<String> ids = m.blocks().stream().map(Block::id).toList();
        Map<String, Long> flops = new HashMap<>();
        m.blocks().forEach(b -> flops.put(b.id(), b.flops()));
        return new GreedySearch.Cost() {
            @Override
            public double stepMs(List<String> removed) {
                return lut.stepMs(ids, removed, passes);
            }

            @Override
            public long stepFlops(List<String> removed) {
                long sum = 0;
                for (String id : ids) if (!removed.contains(id)) sum += flops.get(id);
                return passes * sum;
            }
        };
    }

    /** Fails before any probe run when even removing every candidate misses the target. */
    static void checkReachable(double targetMs, SkipCandidates c, GreedySearch.Cost cost) {
        double best = cost.stepMs(c.skippable());
        if (best <= targetMs) return;
        List<String> shown = new ArrayList<>(c.skippable().subList(0, Math.min(6, c.skippable().size())));
        if (c.skippable().size() > shown.size()) shown.add("… " + (c.skippable().size() - shown.size()) + " more");
        throw new StudioError(String.format(Locale.ROOT, "target not reachable: best %.1f ms per step after removing all %d "
                        + "skippable blocks (%s); the %d fixed blocks alone cost that. Ask for --target-ms %.1f or more",
                best, c.skippable().size(), String.join(", ", shown), c.fixed().size(), Math.ceil(best * 10) / 10));
    }

    /** The architecture the bundle was converted from, read again from its manifest's source. */
    static PipelinePreset basePreset(BundleManifest m) {
        try (PipelineSource src = PipelineSource.open(m.source())) {
            return src.preset();
        } catch (RuntimeException e) {
            throw new StudioError("cannot read the architecture of bundle " + m.id() + " from its source '" + m.source()
                    + "' (" + e.getMessage() + "); the preset needs it", e);
        }
    }
}
