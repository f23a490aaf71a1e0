package dev.snapfusion.link;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/** The one way a handle waits for its device command: the runner's {@link RunHandle} and {@link BenchmarkHandle}. */
final class CommandWait {
    private CommandWait() {
    }

    /** How the wait ended: the exit code ({@code -1} when the command did not end by itself) and whether time ran out. */
    record Ending(int exit, boolean timedOut) {
    }

    /**
     * Waits up to {@code timeout}; when time runs out the command is cancelled. When this thread is interrupted,
     * {@code stop} ends the command on the device and a retryable {@link TransferException} says {@code what} was
     * interrupted.
     */
    static Ending await(RunningCommand cmd, Duration timeout, Runnable stop, String what) {
        try {
            return new Ending(cmd.waitFor(timeout), false);
        } catch (TimeoutException e) {
            cmd.cancel();
            return new Ending(-1, true);
        } catch (CancellationException e) {
            return new Ending(-1, false);
        } catch (InterruptedException e) {
            stop.run();
            Thread.currentThread().interrupt();
            throw new TransferException("interrupted while " + what, e, true);
        }
    }
}
