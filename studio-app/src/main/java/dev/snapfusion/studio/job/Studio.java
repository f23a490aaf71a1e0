package dev.snapfusion.studio.job;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.ConvertOptions;
import dev.snapfusion.bridge.convert.ConvertRequest;
import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.link.BundlePusher;
import dev.snapfusion.link.Device;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.DeviceLink;
import dev.snapfusion.link.HashCache;
import dev.snapfusion.link.LinkOptions;
import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.PushReport;
import dev.snapfusion.link.RunOutcome;
import dev.snapfusion.link.RunnerArtifacts;
import dev.snapfusion.link.RunnerClient;
import dev.snapfusion.link.RunnerFiles;
import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.bundle.BundleFormatException;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.noise.Npy;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.runner.protocol.RunTimingsCodec;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.runner.sched.Schedulers;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.ReportWriter;
import dev.snapfusion.studio.report.RunExtras;
import dev.snapfusion.studio.runs.RunEntry;
import dev.snapfusion.studio.runs.RunIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The services behind both the command line and the workbench: convert, devices, push, generate,
 * compare. One instance per process; the device link (adb server, virtual device) opens on first use.
 * Thread-safe for sequential use from one background thread at a time.
 *
 * <pre>{@code
 * try (Studio s = new Studio(Workspace.defaultLocation(), LinkOptions.defaults())) {
 *     s.convert("demo:snapfusion", Quantization.FP32, Path.of("sf"), ConvertListener.NONE);
 * }
 * }</pre>
 */
public final class Studio implements AutoCloseable {
    /** Threads for the runner on the virtual device: more than one oversubscribes a 2-core host (docs/benchmarks.md). */
    public static final int VIRTUAL_THREADS = 1;
    public static final int PHONE_THREADS = 4;

    private final Workspace workspace;
    private LinkOptions linkOptions;
    private DeviceLink link;
    private HashCache hashCache;

    public Studio(Workspace workspace, LinkOptions linkOptions) {
        this.workspace = workspace;
        this.linkOptions = linkOptions;
    }

    public Workspace workspace() {
        return workspace;
    }

    public synchronized DeviceLink link() {
        if (link == null) link = DeviceLink.open(linkOptions);
        return link;
    }

    /**
     * Adds an adb server ("host:port") to the link. The link is reopened on next use, which stops a
     * virtual device this link started: call it between jobs.
     */
    public synchronized void addRemoteServer(String hostPort) {
        if (linkOptions.remoteServers().contains(hostPort)) return;
        List<String> servers = new java.util.ArrayList<>(linkOptions.remoteServers());
        servers.add(hostPort);
        relink(linkOptions.adbBinary(), servers);
    }

    /** Stops listing an adb server's devices; as {@link #addRemoteServer}, the link is reopened on next use. */
    public synchronized void removeRemoteServer(String hostPort) {
        if (!linkOptions.remoteServers().contains(hostPort)) return;
        List<String> servers = new java.util.ArrayList<>(linkOptions.remoteServers());
        servers.remove(hostPort);
        relink(linkOptions.adbBinary(), servers);
    }

    /** The adb binary to start the local server with (empty: look it up); the link is reopened on next use. */
    public synchronized void useAdbBinary(Optional<Path> adb) {
        if (linkOptions.adbBinary().equals(adb)) return;
        relink(adb, linkOptions.remoteServers());
    }

    /** The adb servers listed besides the local one, "host:port" each. */
    public synchronized List<String> remoteServers() {
        return linkOptions.remoteServers();
    }

    private void relink(Optional<Path> adb, List<String> servers) {
        LinkOptions next;
        try {
            next = new LinkOptions(linkOptions.workspace(), linkOptions.adbServerPort(), adb, servers,
                    linkOptions.androidUserDir());
        } catch (IllegalArgumentException e) {
            throw new StudioError(e.getMessage(), e);
        }
        close();
        linkOptions = next;
    }

    public ConvertedBundle convert(String source, Quantization quant, Path out, ConvertListener listener) throws IOException {
        return convert(source, quant.recipe(), out, listener);
    }

    /** With a full recipe: overrides per component/block/weight and int8 granularities (docs/quantization.md). */
    public ConvertedBundle convert(String source, dev.snapfusion.bridge.quant.QuantRecipe recipe, Path out, ConvertListener listener)
            throws IOException {
        return convert(source, recipe, out, listener, ConvertOptions.DEFAULT);
    }

    /**
     * With options: the final image against the fp32 twin's in the report (small models; docs/parity.md), and whether
     * weights holding NaN or ±Inf convert anyway (docs/sources.md).
     */
    public ConvertedBundle convert(String source, dev.snapfusion.bridge.quant.QuantRecipe recipe, Path out, ConvertListener listener,
                                   ConvertOptions options) throws IOException {
        try {
            return BundleConverter.convert(ConvertRequest.of(source, out).recipe(recipe).listener(listener).options(options));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new StudioError(e.getMessage(), e);
        }
    }

    /** One desktop hash cache per studio: opening it reads the file, and two instances would overwrite each other. */
    private synchronized HashCache hashCache() {
        if (hashCache == null) hashCache = HashCache.open(workspace.root().resolve("cache/sha256.json"));
        return hashCache;
    }

    /**
     * The runner client: phones get the dexed runner jar and the arm64 TFLite library this build ships
     * (pushed once per version, verified); the virtual device runs the runner from the host classpath.
     */
    RunnerClient runnerClient(Device d) {
        if (d.isVirtual()) return new RunnerClient();
        Optional<RunnerArtifacts> artifacts = RunnerArtifacts.bundled();
        if (artifacts.isEmpty()) return new RunnerClient();
        RunnerArtifacts a = artifacts.get();
        Path cache = workspace.root().resolve("cache/runner");
        RunnerFiles files = new RunnerFiles(a.version(), Map.of(RunnerFiles.JAR, a.extractJar(cache),
                "libtensorflowlite_jni.so", a.extractJni(cache)));
        return new RunnerClient(Optional.of(files), hashCache());
    }

    /** A bundle pusher whose desktop hashes are cached in the workspace, so big files are hashed once. */
    public BundlePusher pusher() {
        return new BundlePusher(hashCache());
    }

    public List<DeviceInfo> devices() {
        return link().devices();
    }

    public PushReport push(Path bundleDir, String serial, PushListener listener) {
        readManifest(bundleDir);
        try (Device d = link().connect(serial)) {
            return pusher().push(d, bundleDir, listener);
        }
    }

    /** As {@link #push(Path, String, PushListener)}, to the device keyed by (server, serial): a serial may be on two servers. */
    public PushReport push(Path bundleDir, DeviceInfo device, PushListener listener) {
        readManifest(bundleDir);
        try (Device d = link().connect(device)) {
            return pusher().push(d, bundleDir, listener);
        } catch (IllegalArgumentException e) {
            throw new StudioError(e.getMessage(), e);
        }
    }

    /** Pushes the bundle if needed, runs it, pulls the results into {@code spec.outDir()}. */
    public RunOutcome generate(GenerateSpec spec, PushListener pushListener, Consumer<RunnerEvent> onEvent) throws IOException {
        BundleManifest m = readManifest(spec.bundleDir());
        if (spec.scheduler() != null && !Schedulers.NAMES.contains(spec.scheduler())) {
            throw new StudioError("--scheduler " + spec.scheduler() + ": unknown; use one of " + Schedulers.NAMES);
        }
        try (Device d = link().connect(spec.device())) {
            PushReport pushed = pusher().push(d, spec.bundleDir(), pushListener);
            OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.MILLIS);
            String runId = started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")) + "-" + m.variant();
            int threads = spec.threads() > 0 ? spec.threads() : d.isVirtual() ? VIRTUAL_THREADS : PHONE_THREADS;
            String runDir = DevicePaths.RUNS_DIR + "/" + runId;
            String initLatents = pushInitLatents(d, spec.initLatents(), m, runDir);
            RunRequest req = new RunRequest(pushed.deviceDir(), runDir, spec.prompt(),
                    spec.negativePrompt(), spec.seed(), spec.steps() > 0 ? spec.steps() : m.defaultSteps(),
                    spec.cfg() >= 0 ? spec.cfg() : m.defaultCfg(), spec.mode(), threads, true, initLatents,
                    spec.scheduler(), null).withProfile(spec.profile());
            Files.createDirectories(spec.outDir());
            RunOutcome o = runnerClient(d).run(d, req, onEvent, spec.timeout(), spec.outDir());
            if (!o.success()) throw new StudioError(describeFailure(d.serial(), o));
            String device = d.isVirtual()
                    ? "virtual device (host CPU, " + Runtime.getRuntime().availableProcessors() + " cores)"
                    : (d.facts().manufacturer() + " " + d.facts().model()).trim();
            new RunInfo(device, d.serial(), m.id(), m.totalBytes()).write(spec.outDir());
            new RunIndex(workspace.root()).add(indexEntry(runId, started, req, m, device, d.serial(), o));
            return o;
        }
    }

    /** The run as the History page and {@code studio runs} list it; the numbers come from the pulled timings.json. */
    static RunEntry indexEntry(String runId, OffsetDateTime started, RunRequest req, BundleManifest m, String device,
                               String serial, RunOutcome o) {
        RunTimings t = o.timings().map(Studio::readTimings).orElse(null);
        return RunEntry.builder().id(runId).created(started).folder(o.localRunDir()).prompt(req.prompt())
                .negativePrompt(req.negativePrompt()).variant(m.variant()).device(device).serial(serial).bundle(m.id())
                .quantization(m.quantization()).steps(req.steps()).seed(req.seed()).cfg(req.cfg())
                .runtime(t == null ? "" : t.runtime()).totalMs(t == null ? Double.NaN : t.totalMs())
                .unetMedianStepMs(t == null ? Double.NaN : t.medianUnetStepMs()).build();
    }

    private static RunTimings readTimings(Path file) {
        try {
            return RunTimingsCodec.parse(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Checks the local .npy against the bundle's latent shape, then pushes it into the run folder; null if none. */
    static String pushInitLatents(Device d, Path local, BundleManifest m, String runDir) {
        if (local == null) return null;
        int[] shape = {1, m.latentChannels(), m.latentHeight(), m.latentWidth()};
        try {
            Npy.read(local.toFile(), shape);
        } catch (IOException | IllegalArgumentException e) {
            throw new StudioError("--init-latents " + local + ": " + e.getMessage() + " (this bundle needs float32 "
                    + java.util.Arrays.toString(shape) + ")", e);
        }
        String remote = runDir + "/init_latents.npy";
        d.shell(List.of("mkdir", "-p", runDir));
        d.push(local, remote, dev.snapfusion.link.TransferListener.NONE);
        return remote;
    }

    public ComparisonReport compare(Path runA, Path runB, Path outDir) {
        return compare(runA, List.of(), runB, List.of(), outDir);
    }

    /** As {@link #compare(Path, Path, Path)}, with more runs of each bundle whose images count towards its prompt adherence. */
    public ComparisonReport compare(Path runA, List<Path> judgeA, Path runB, List<Path> judgeB, Path outDir) {
        ComparisonReport r = ComparisonReport.fromRunDirs(runA, extras(runA, judgeA), runB, extras(runB, judgeB));
        ReportWriter.write(r, outDir);
        return r;
    }

    private static RunExtras extras(Path runDir, List<Path> judgeRuns) {
        RunInfo info = RunInfo.read(runDir);
        return info == null ? new RunExtras(-1, null, judgeRuns) : new RunExtras(info.bundleBytes(), info.device(), judgeRuns);
    }

    static String describeFailure(String serial, RunOutcome o) {
        StringBuilder s = new StringBuilder("the runner on " + serial + " failed");
        if (o.timedOut()) s.append(" (timed out after ").append(o.elapsed().toSeconds()).append(" s; it was stopped)");
        else s.append(" with exit code ").append(o.exitCode());
        for (RunnerEvent e : o.events()) {
            if (e instanceof RunnerEvent.Error err) s.append("\n  ").append(err.code()).append(": ").append(err.message());
        }
        for (String p : o.protocolProblems()) s.append("\n  protocol: ").append(p);
        if (!o.stderrTail().isEmpty()) s.append("\n  last stderr lines:\n    ").append(String.join("\n    ", o.stderrTail()));
        s.append("\n  run folder: ").append(o.localRunDir());
        return s.toString();
    }

    public static BundleManifest readManifest(Path bundleDir) {
        Path f = bundleDir.resolve(BundleManifest.FILE_NAME);
        if (!Files.isRegularFile(f)) {
            throw new StudioError(bundleDir + " is not a bundle (no manifest.json); make one with `studio convert`");
        }
        try {
            return ManifestCodec.read(f);
        } catch (BundleFormatException e) {
            throw new StudioError(e.getMessage(), e);
        }
    }

    public Optional<String> linkWarnings() {
        if (link == null) return Optional.empty();
        return link.warnings().isEmpty() ? Optional.empty() : Optional.of(String.join("\n", link.warnings()));
    }

    @Override
    public synchronized void close() {
        if (link != null) link.close();
        link = null;
    }
}
