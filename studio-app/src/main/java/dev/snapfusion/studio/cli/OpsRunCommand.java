package dev.snapfusion.studio.cli;

import dev.snapfusion.link.BenchmarkModelClient;
import dev.snapfusion.link.BenchmarkOutcome;
import dev.snapfusion.link.BenchmarkRequest;
import dev.snapfusion.link.Device;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.HashCache;
import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.PushProgress;
import dev.snapfusion.link.PushReport;
import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.studio.job.RunInfo;
import dev.snapfusion.studio.job.Studio;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.ops.BlockMapper;
import dev.snapfusion.studio.ops.GraphChoice;
import dev.snapfusion.studio.ops.OpProfile;
import dev.snapfusion.studio.ops.OpProfileException;
import dev.snapfusion.studio.ops.OpProfileJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code studio ops run --binary FILE --bundle DIR [...]}: the user's benchmark_model on a device through the studio's
 * launcher (docs/op-profiles.md, "Making one on a phone"): the binary is checked before anything reaches the device,
 * pushed once per content, the bundle is pushed as {@code studio push} does, and the op profile comes back into a run
 * folder as {@code ops import --run} leaves it.
 */
@Command(name = "run", description = "Run your build of TFLite's benchmark_model on a device with op profiling, through the "
        + "studio's launcher, and read the profile back: benchmark_model.txt, ops.csv and op_profile_import.json in the run "
        + "folder, and the same output as `ops import`.")
final class OpsRunCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final String IMPORT_FILE = dev.snapfusion.studio.report.ImportedOpProfile.FILE_NAME;

    @Spec
    CommandSpec spec;

    @Option(names = "--binary", required = true, paramLabel = "FILE",
            description = "Your benchmark_model, built for the device's ABI (an ELF executable; checked before it is pushed).")
    Path binary;

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "Bundle folder; pushed first if the device lacks it.")
    Path bundle;

    @Option(names = "--device", paramLabel = "SERIAL",
            description = "Device serial, or 'virtual' (its emulated benchmark_model). Default: the one phone connected.")
    String device;

    @Option(names = "--component", defaultValue = "unet", description = "Whole graph to profile: unet, text_encoder or vae_decoder "
            + "(default: ${DEFAULT-VALUE}).")
    String component;

    @Option(names = "--graph", paramLabel = "RELATIVE_TFLITE",
            description = "A .tflite file of the bundle instead, relative to it, e.g. unet_blocks/012_down.1.cross_attention.0.tflite.")
    String graph;

    @Option(names = "--threads", defaultValue = "0", description = "--num_threads (default: 1 on the virtual device, 4 on phones).")
    int threads;

    @Option(names = "--runs", defaultValue = "10", description = "--num_runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--xnnpack", description = "Keep XNNPACK (--use_xnnpack=true). Its nodes then hide their ops, so the time "
            + "is not split by block; by default every op runs on TFLite's builtin kernels and maps to a block.")
    boolean xnnpack;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds before benchmark_model is stopped (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run folder: new, an earlier `ops run` folder, or a `generate` "
            + "run of the same bundle (Compare then shows the op times beside its blockwise ones). Default: a new folder under "
            + "the workspace's runs.")
    Path out;

    @Option(names = "--json", description = "Print the JSON of `ops import --json`.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Studio studio = ((StudioCli) spec.root().userObject()).studio();
        BundleManifest m = Studio.readManifest(bundle);
        String rel = GraphChoice.of(m, bundle, component, graph);
        if (runs < 1) throw new StudioError("--runs " + runs + ": give at least 1");
        String runId = LocalDateTime.now().format(STAMP) + "-ops-" + m.id();
        Path runDir = out != null ? checkOut(out, m) : studio.workspace().runs().resolve(runId);
        BenchmarkOutcome o;
        try (Device d = studio.link().connect(serial(studio))) {
            // The binary is refused here, before the bundle or anything else is sent.
            BenchmarkModelClient.checkBinary(binary, d.facts().abis(), d.serial());
            PushReport pushed = studio.pusher().push(d, bundle, pushProgress());
            int n = threads > 0 ? threads : d.isVirtual() ? Studio.VIRTUAL_THREADS : Studio.PHONE_THREADS;
            BenchmarkRequest req = new BenchmarkRequest(binary, pushed.deviceDir() + "/" + rel, n, runs, xnnpack,
                    DevicePaths.RUNS_DIR + "/" + runId);
            System.err.printf("benchmark_model on %s: %s, %d thread%s, %d run%s%s%n", d.serial(), rel, n, n == 1 ? "" : "s", runs,
                    runs == 1 ? "" : "s", xnnpack ? ", XNNPACK" : "");
            o = new BenchmarkModelClient(HashCache.none()).start(d, req, Duration.ofSeconds(timeoutSeconds), runDir).await();
            if (!o.success()) throw new StudioError(describeFailure(d.serial(), rel, o));
        }
        Path profile = profileFile(o);
        OpProfile p = OpProfile.read(profile);
        Path saved = runDir.resolve(IMPORT_FILE);
        OpProfileJson.save(saved, OpProfileJson.of(p, Optional.of(BlockMapper.of(m.blocks()))));
        System.err.println("saved " + o.output().getFileName() + (o.csv().isPresent() ? ", " + o.csv().get().getFileName() : "")
                + " and the per-block sums (" + IMPORT_FILE + ") in " + runDir.toAbsolutePath());
        return printLikeImport(profile);
    }

    /** The serial given, else the one phone that is connected. */
    private String serial(Studio studio) {
        if (device != null) return device;
        List<String> phones = studio.devices().stream().filter(i -> !i.virtual() && i.state().equals("device"))
                .map(DeviceInfo::serial).toList();
        if (phones.size() == 1) return phones.get(0);
        throw new StudioError((phones.isEmpty() ? "no phone is connected" : "several phones are connected (" + String.join(", ", phones)
                + ")") + "; name one with --device SERIAL, or --device virtual for the virtual device's emulated benchmark_model");
    }

    /** --out must not scatter files into an unrelated folder, nor mix two bundles' numbers in one run. */
    private static Path checkOut(Path dir, BundleManifest m) throws IOException {
        if (!Files.exists(dir)) return dir;
        if (!Files.isDirectory(dir)) throw new StudioError("--out " + dir + " is a file; give a run folder");
        boolean empty;
        try (Stream<Path> s = Files.list(dir)) {
            empty = s.findAny().isEmpty();
        }
        boolean run = Files.isRegularFile(dir.resolve("timings.json")) || Files.isRegularFile(dir.resolve(BenchmarkModelClient.OUTPUT_FILE));
        if (!empty && !run) {
            throw new StudioError("--out " + dir + " holds other files; give a new or empty folder, a `generate` run folder or an "
                    + "earlier `ops run` folder");
        }
        RunInfo info = RunInfo.read(dir);
        if (info != null && !info.bundleId().isEmpty() && !info.bundleId().equals(m.id())) {
            throw new StudioError("--out " + dir + " is a run of bundle " + info.bundleId() + ", not of " + m.id() + " (" + m.variant()
                    + "); its per-block times would be compared with another bundle's");
        }
        return dir;
    }

    private static PushListener pushProgress() {
        ConsoleProgress progress = new ConsoleProgress(System.err);
        return new PushListener() {
            @Override
            public void onProgress(PushProgress p) {
                progress.update("Pushing", p.totalBytes() == 0 ? 1 : (double) p.totalBytesDone() / p.totalBytes(),
                        String.format("%s · bundle %.1f/%.1f MB", p.file(), p.totalBytesDone() / 1e6, p.totalBytes() / 1e6));
            }
        };
    }

    static String describeFailure(String serial, String graph, BenchmarkOutcome o) {
        StringBuilder s = new StringBuilder("benchmark_model on " + serial + " (" + graph + ")");
        if (o.timedOut()) s.append(" timed out after ").append(o.elapsed().toSeconds()).append(" s; it was stopped");
        else if (o.cancelled()) s.append(" was cancelled");
        else s.append(" exited with code ").append(o.exitCode());
        if (!o.outputTail().isEmpty()) s.append("\n  last lines:\n    ").append(String.join("\n    ", o.outputTail()));
        s.append("\n  all it printed: ").append(o.output().toAbsolutePath());
        return s.toString();
    }

    /**
     * The tool writes its profile to the CSV when it can open it, else into what it prints; the first that holds a
     * profile is read.
     */
    private static Path profileFile(BenchmarkOutcome o) {
        for (Path f : o.csv().map(c -> List.of(c, o.output())).orElse(List.of(o.output()))) {
            try {
                OpProfile.read(f);
                return f;
            } catch (OpProfileException e) {
                // try the next one
            }
        }
        throw new OpProfileException("benchmark_model ran but left no op profile: " + o.csv().map(c -> c + " and ").orElse("")
                + o.output() + " have none (a build without --enable_op_profiling support?); see docs/op-profiles.md");
    }

    private int printLikeImport(Path profile) throws Exception {
        OpsImportCommand ops = new OpsImportCommand();
        ops.file = profile;
        ops.bundle = bundle;
        ops.json = json;
        return ops.call();
    }
}
