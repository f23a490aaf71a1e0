package dev.snapfusion.link;

import dadb.AdbShellPacket;
import dadb.AdbShellStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A shell v2 stream read on its own daemon thread; the exit packet completes the future. */
final class ShellStreamCommand implements RunningCommand {
    private final AdbShellStream stream;
    private final String serial;
    private final String command;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean cancelled;

    private ShellStreamCommand(AdbShellStream stream, String serial, String command) {
        this.stream = stream;
        this.serial = serial;
        this.command = command;
    }

    static ShellStreamCommand start(AdbShellStream stream, String serial, String command, LineListener out,
                                    LineListener err) {
        ShellStreamCommand c = new ShellStreamCommand(stream, serial, command);
        Thread t = new Thread(() -> c.pump(new LineSplitter(out), new LineSplitter(err)), "shell-" + serial);
        t.setDaemon(true);
        t.start();
        return c;
    }

    private void pump(LineSplitter out, LineSplitter err) {
        try {
            while (true) {
                AdbShellPacket p = stream.read();
                if (p instanceof AdbShellPacket.StdOut) {
                    out.accept(p.getPayload());
                } else if (p instanceof AdbShellPacket.StdError) {
                    err.accept(p.getPayload());
                } else if (p instanceof AdbShellPacket.Exit) {
                    out.finish();
                    err.finish();
                    exit.complete(p.getPayload()[0] & 0xff);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            out.finish();
            err.finish();
            if (cancelled) {
                exit.completeExceptionally(new CancellationException("cancelled: " + command));
            } else if (e instanceof IOException io) {
                exit.completeExceptionally(Failures.map(io, "stream '" + command + "'", serial));
            } else {
                exit.completeExceptionally(e);
            }
        } finally {
            stream.close();
        }
    }

    @Override
    public int waitFor(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof CancellationException ce) throw ce;
            if (c instanceof RuntimeException re) throw re;
            throw new IllegalStateException(c);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        stream.close();
    }

    @Override
    public boolean isDone() {
        return exit.isDone();
    }
}
