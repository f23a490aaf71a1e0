package dev.snapfusion.link;

import dev.snapfusion.runner.protocol.RunnerEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A runner started by {@link RunnerClient#start}. {@link #cancel()} may be called from any thread (a UI's
 * cancel button); {@link #await()} blocks until the run ended, was cancelled or timed out, saves the run
 * folder and returns the outcome. Thread-safe; await once.
 * <p>Stopping is done twice over, so no runner is left behind: the shell stream is closed (adbd and the
 * virtual device end the command) and {@code pkill -9 -f <request path>} kills anything still running
 * with that request, which only this run uses.
 */
public final class RunHandle {
    private final Device device;
    private final String requestPath;
    private final String outDir;
    private final byte[] requestJson;
    private final Duration timeout;
    private final Path localRunDir;
    private final long startNanos = System.nanoTime();
    private final RunnerClient.EventCollector events;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final RunningCommand cmd;
    private final List<String> optionalFiles;
    private volatile boolean cancelled;

    RunHandle(Device d, String requestPath, String outDir, byte[] requestJson, List<String> argv,
              Consumer<RunnerEvent> onEvent, Duration timeout, Path localRunDir, List<String> optionalFiles) {
        this.device = d;
        this.requestPath = requestPath;
        this.outDir = outDir;
        this.requestJson = requestJson;
        this.timeout = timeout;
        this.localRunDir = localRunDir;
        this.optionalFiles = List.copyOf(optionalFiles);
        this.events = new RunnerClient.EventCollector(onEvent);
        this.cmd = d.stream(argv, events::line, line -> {
            synchronized (stderrTail) {
                stderrTail.addLast(line);
                if (stderrTail.size() > RunnerClient.STDERR_TAIL) stderrTail.removeFirst();
            }
        });
    }

    /** Stops the runner on the device; {@link #await()} then returns an outcome marked cancelled. Idempotent. */
    public void cancel() {
        cancelled = true;
        cmd.cancel();
    }

    public boolean isDone() {
        return cmd.isDone();
    }

    /** Waits for the end (at most the timeout given to start), saves the run folder, returns the outcome. */
    public RunOutcome await() {
        CommandWait.Ending end = CommandWait.await(cmd, timeout, () -> {
            cancel();
            killLeftovers();
        }, "running on " + device.serial());
        int exit = end.exit();
        boolean timedOut = end.timedOut();
        boolean stopped = timedOut || cancelled;
        if (stopped) killLeftovers();

        Optional<Path> image = Optional.empty();
        Optional<Path> timings = Optional.empty();
        try {
            Files.createDirectories(localRunDir);
            RunnerClient.writeAtomically(localRunDir.resolve("request.json"), requestJson);
            RunnerClient.writeAtomically(localRunDir.resolve("events.jsonl"), events.jsonl());
            if (exit == 0 && !stopped) {
                RunnerEvent.Done done = events.done().orElse(new RunnerEvent.Done("image.png", "timings.json", 0));
                Path img = localRunDir.resolve("image.png");
                device.pull(outDir + "/" + done.image(), img);
                image = Optional.of(img);
                Path tim = localRunDir.resolve("timings.json");
                device.pull(outDir + "/" + done.timings(), tim);
                timings = Optional.of(tim);
                pullIfPresent();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the run folder " + localRunDir + ": " + e.getMessage(), e);
        }
        List<String> tail;
        synchronized (stderrTail) {
            tail = exit == 0 ? List.of() : new ArrayList<>(stderrTail);
        }
        return new RunOutcome(exit, timedOut, cancelled && !timedOut, events.events(), events.problems(), tail, image,
                timings, localRunDir, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Files the request asked for that the runner may not have written (an op profile on a phone): a value, not an error. */
    private void pullIfPresent() {
        for (String name : optionalFiles) {
            String remote = outDir + "/" + name;
            if (device.shell(List.of("test", "-f", remote)).ok()) device.pull(remote, localRunDir.resolve(name));
        }
    }

    /** Exit 1 (nothing matched) is the normal case: closing the stream already ended the runner. */
    private void killLeftovers() {
        try {
            device.shell(List.of("pkill", "-9", "-f", requestPath));
        } catch (LinkException e) {
            // the device is gone: so is the runner
        }
    }
}
