package dev.snapfusion.link;

import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.RunnerMain;
import dev.snapfusion.runner.protocol.OpProfile;
import dev.snapfusion.runner.protocol.Profile;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunRequestCodec;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.runner.protocol.RunnerEventReader;
import dev.snapfusion.runner.protocol.RunnerProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a request on a device and streams the runner's events (docs/runner-protocol.md) as they come.
 * <pre>{@code
 * RunHandle h = new RunnerClient().start(device, request, e -> ui.post(e), Duration.ofMinutes(10),
 *         Path.of("runs/2024-01-01T10-00"));
 * cancelButton.setOnAction(x -> h.cancel());   // kills the runner on the device
 * RunOutcome o = h.await();
 * if (o.success()) show(o.image().get());
 * }</pre>
 * The request (with the user's prompt) goes into request.json on the device; the command line holds
 * only studio-controlled paths. Stateless apart from its configuration; thread-safe.
 */
public final class RunnerClient {
    /** Where the runner jar lives on a phone. The virtual device ignores it (the runner is on its classpath). */
    public static final String DEFAULT_RUNNER_JAR = RunnerDeployer.dir(RunnerMain.VERSION) + "/" + RunnerFiles.JAR;
    public static final String MAIN_CLASS = "dev.snapfusion.runner.RunnerMain";
    static final int STDERR_TAIL = 20;

    private final Optional<RunnerFiles> runnerFiles;
    private final HashCache hashes;

    /** Phones must already hold the runner at {@link #DEFAULT_RUNNER_JAR}. */
    public RunnerClient() {
        this(Optional.empty(), HashCache.none());
    }

    /**
     * @param runnerFiles when present, pushed to phones once per version and verified (never to the
     *     virtual device, which has the runner on its host classpath)
     * @param hashes desktop hash cache for those files
     */
    public RunnerClient(Optional<RunnerFiles> runnerFiles, HashCache hashes) {
        this.runnerFiles = runnerFiles;
        this.hashes = hashes;
    }

    /** The launch command for a request file on the device, with the runner in {@code runnerDir}. */
    static List<String> launchArgv(String runnerDir, String requestPath) {
        return List.of("CLASSPATH=" + runnerDir + "/" + RunnerFiles.JAR, "LD_LIBRARY_PATH=" + runnerDir, "app_process",
                DevicePaths.WORK_DIR, MAIN_CLASS, "--request", requestPath);
    }

    List<String> launchArgv(String requestPath) {
        return launchArgv(RunnerDeployer.dir(RunnerMain.VERSION), requestPath);
    }

    /** Runs to the end (or the timeout) and returns how it went. */
    public RunOutcome run(Device d, RunRequest request, Consumer<RunnerEvent> onEvent, Duration timeout, Path localRunDir) {
        return start(d, request, onEvent, timeout, localRunDir).await();
    }

    /**
     * Writes the request to the device and starts the runner; events reach {@code onEvent} on a reader
     * thread as the runner prints them. {@link RunHandle#await()} collects the outcome.
     */
    public RunHandle start(Device d, RunRequest request, Consumer<RunnerEvent> onEvent, Duration timeout,
                           Path localRunDir) {
        if (!d.isVirtual()) {
            d.facts().abiProblem().ifPresent(p -> {
                throw new IllegalArgumentException("cannot run on " + d.serial() + ": " + p);
            });
        }
        String outDir = request.outDir();
        String requestPath = outDir + "/request.json";
        byte[] requestJson = RunRequestCodec.toJson(request).getBytes(StandardCharsets.UTF_8);
        ShellResult mk = d.shell(List.of("mkdir", "-p", outDir));
        if (!mk.ok()) {
            throw new TransferException("cannot create " + outDir + " on " + d.serial() + ": " + mk.stderr().trim(), null,
                    false);
        }
        String runnerDir = d.isVirtual() ? RunnerDeployer.dir(RunnerMain.VERSION) : ensureRunner(d);
        d.pushBytes(requestJson, requestPath);
        return new RunHandle(d, requestPath, outDir, requestJson, launchArgv(runnerDir, requestPath), onEvent, timeout,
                localRunDir, optionalFiles(request));
    }

    /** Files the runner may write besides image.png and timings.json; pulled when present (a phone writes no op profile). */
    static List<String> optionalFiles(RunRequest request) {
        return request.profile() == Profile.OPS ? List.of(OpProfile.FILE_NAME) : List.of();
    }

    private String ensureRunner(Device d) {
        if (runnerFiles.isPresent()) return new RunnerDeployer(hashes).ensure(d, runnerFiles.get());
        String dir = RunnerDeployer.dir(RunnerMain.VERSION);
        if (!d.shell(List.of("test", "-f", dir + "/" + RunnerFiles.JAR)).ok()) {
            throw new IllegalStateException("the runner is not on " + d.serial() + " at " + dir
                    + "; this build cannot ship it to phones yet (no runner artifacts)");
        }
        return dir;
    }

    static void writeAtomically(Path target, byte[] data) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, data);
            DadbDevice.moveAtomically(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Parses stdout lines into events; a line that is not an event is reported, never dropped. Thread-safe. */
    static final class EventCollector {
        private final Consumer<RunnerEvent> onEvent;
        private final List<RunnerEvent> events = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final StringBuilder jsonl = new StringBuilder();

        EventCollector(Consumer<RunnerEvent> onEvent) {
            this.onEvent = onEvent;
        }

        void line(String line) {
            RunnerEvent e;
            try {
                e = RunnerEventReader.parse(line);
                synchronized (this) {
                    events.add(e);
                    jsonl.append(line).append('\n');
                }
            } catch (RunnerProtocolException x) {
                synchronized (this) {
                    problems.add(x.getMessage());
                }
                // Surface it as an event too, so a live view shows it where the run's lines are.
                e = new RunnerEvent.Error("bad_runner_line", x.getMessage());
            }
            onEvent.accept(e);
        }

        synchronized List<RunnerEvent> events() {
            return List.copyOf(events);
        }

        synchronized List<String> problems() {
            return List.copyOf(problems);
        }

        synchronized byte[] jsonl() {
            return jsonl.toString().getBytes(StandardCharsets.UTF_8);
        }

        synchronized Optional<RunnerEvent.Done> done() {
            return events.stream().filter(RunnerEvent.Done.class::isInstance).map(RunnerEvent.Done.class::cast)
                    .reduce((a, b) -> b);
        }
    }
}
