package dev.snapfusion.link;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A command started with {@link Device#stream}. Its lines arrive on a reader thread. Thread-safe.
 * <pre>{@code
 * RunningCommand c = device.stream(List.of("echo", "hi"), System.out::println, System.err::println);
 * int exit = c.waitFor(Duration.ofSeconds(10));
 * }</pre>
 */
public interface RunningCommand {
    /**
     * Waits for the exit code.
     *
     * @throws TimeoutException if the command still runs after {@code timeout}; it keeps running
     * @throws java.util.concurrent.CancellationException if {@link #cancel()} ended it
     * @throws DeviceGoneException if the stream broke before an exit code came
     */
    int waitFor(Duration timeout) throws TimeoutException, InterruptedException;

    /** Closes the stream; the device ends the command (the virtual device kills its child). Idempotent. */
    void cancel();

    boolean isDone();
}
