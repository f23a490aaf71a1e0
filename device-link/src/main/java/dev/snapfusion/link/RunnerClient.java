package dev.snapfusion.link;

import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.RunnerMain;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a request on a device and streams the runner's events (docs/runner-protocol.md).
 * <pre>{@code
 * RunOutcome o = new RunnerClient().run(device, request, e -> ui.post(e), Duration.ofMinutes(10),
 *         Path.of("runs/2024-01-01T10-00"));
 * if (o.success()) show(o.image().get());
 * }</pre>
 * The request (with the user's prompt) goes into request.json on the device; the command line holds
 * only studio-controlled paths. Stateless apart from its configuration; thread-safe.
 */
public final class RunnerClient {
    /** Where the runner jar lives on a phone. The virtual device ignores it (the runner is on its classpath). */
    public static final String DEFAULT_RUNNER_JAR = DevicePaths.RUNNER_DIR + "/" + RunnerMain.VERSION + "/runner.jar";
    public static final String MAIN_CLASS = "dev.snapfusion.runner.RunnerMain";
    static final int STDERR_TAIL = 20;

    private final String runnerJar;
    private final Optional<Path> localRunnerJar;

    public RunnerClient() {
        this(DEFAULT_RUNNER_JAR, Optional.empty());
    }

    /**
     * @param runnerJarDevicePath the runner jar's path on the device
     * @param localRunnerJar when present, pushed to real devices that lack it (never to the virtual one)
     */
    public RunnerClient(String runnerJarDevicePath, Optional<Path> localRunnerJar) {
        this.runnerJar = runnerJarDevicePath;
        this.localRunnerJar = localRunnerJar;
    }

    /** The launch command for a request file on the device. */
    List<String> launchArgv(String requestPath) {
        return List.of("CLASSPATH=" + runnerJar, "app_process", DevicePaths.WORK_DIR, MAIN_CLASS, "--request", requestPath);
    }

    public RunOutcome run(Device d, RunRequest request, Consumer<RunnerEvent> onEvent, Duration timeout, Path localRunDir) {
        long start = System.nanoTime();
        String outDir = request.outDir();
        String requestPath = outDir + "/request.json";
        byte[] requestJson = RunRequestCodec.toJson(request).getBytes(StandardCharsets.UTF_8);
        ShellResult mk = d.shell(List.of("mkdir", "-p", outDir));
        if (!mk.ok()) {
            throw new TransferException("cannot create " + outDir + " on " + d.serial() + ": " + mk.stderr().trim(), null,
                    false);
        }
        if (!d.isVirtual()) ensureRunner(d);
        d.pushBytes(requestJson, requestPath);

        EventCollector events = new EventCollector(onEvent);
        Deque<String> stderrTail = new ArrayDeque<>();
        RunningCommand cmd = d.stream(launchArgv(requestPath), events::line, line -> {
            synchronized (stderrTail) {
                stderrTail.addLast(line);
                if (stderrTail.size() > STDERR_TAIL) stderrTail.removeFirst();
            }
        });
        int exit;
        boolean timedOut = false;
        try {
            exit = cmd.waitFor(timeout);
        } catch (TimeoutException e) {
            cmd.cancel();
            exit = -1;
            timedOut = true;
        } catch (InterruptedException e) {
            cmd.cancel();
            Thread.currentThread().interrupt();
            throw new TransferException("interrupted while running on " + d.serial(), e, true);
        }

        Optional<Path> image = Optional.empty();
        Optional<Path> timings = Optional.empty();
        try {
            Files.createDirectories(localRunDir);
            writeAtomically(localRunDir.resolve("request.json"), requestJson);
            writeAtomically(localRunDir.resolve("events.jsonl"), events.jsonl());
            if (exit == 0 && !timedOut) {
                RunnerEvent.Done done = events.done().orElse(new RunnerEvent.Done("image.png", "timings.json", 0));
                Path img = localRunDir.resolve("image.png");
                d.pull(outDir + "/" + done.image(), img);
                image = Optional.of(img);
                Path tim = localRunDir.resolve("timings.json");
                d.pull(outDir + "/" + done.timings(), tim);
                timings = Optional.of(tim);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the run folder " + localRunDir + ": " + e.getMessage(), e);
        }
        List<String> tail;
        synchronized (stderrTail) {
            tail = exit == 0 ? List.of() : new ArrayList<>(stderrTail);
        }
        return new RunOutcome(exit, timedOut, events.events(), events.problems(), tail, image, timings, localRunDir,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void ensureRunner(Device d) {
        if (localRunnerJar.isPresent()) {
            Path jar = localRunnerJar.get();
            String want = Sha256.of(jar);
            String have = Sha256.parseSums(d.shell(List.of("sha256sum", runnerJar)).stdout()).getOrDefault(runnerJar, "");
            if (!want.equals(have)) {
                d.shell(List.of("mkdir", "-p", runnerJar.substring(0, runnerJar.lastIndexOf('/'))));
                d.push(jar, runnerJar, TransferListener.NONE);
            }
        } else if (!d.shell(List.of("test", "-f", runnerJar)).ok()) {
            throw new IllegalStateException("the runner is not on " + d.serial() + " at " + runnerJar
                    + "; this build cannot ship it to phones yet");
        }
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
