package dev.snapfusion.link.virtual;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What a shell command sees: stdout and stderr (shell v2 packets, or one raw stream for legacy shell and exec),
 * a place to route the host's stdin, and a hook for when the host goes away. Thread-safe.
 */
final class ShellIo {
    private final OutputStream out;
    private final OutputStream err;
    private final Consumer<Runnable> onClose;

    ShellIo(OutputStream out, OutputStream err, Consumer<Runnable> onClose) {
        this.out = out;
        this.err = err;
        this.onClose = onClose;
    }

    OutputStream out() {
        return out;
    }

    OutputStream err() {
        return err;
    }

    void print(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    void error(String s) throws IOException {
        err.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the hook when the stream ends (at once if it already has). */
    void onClose(Runnable hook) {
        onClose.accept(hook);
    }

    /** Stdin that arrived before the child started; bounded, since builtins never read it. */
    private static final int MAX_PENDING_STDIN = 1 << 20;
    private final ByteArrayOutputStream pendingStdin = new ByteArrayOutputStream();
    private OutputStream stdinSink;
    private boolean stdinClosed;

    /** Where the host's stdin goes from now on: first what was buffered, then a close if the host already closed it. */
    synchronized void stdinSink(OutputStream sink) {
        this.stdinSink = sink;
        try {
            pendingStdin.writeTo(sink);
            sink.flush();
        } catch (IOException e) {
            // the child is not reading stdin
        }
        pendingStdin.reset();
        if (stdinClosed) closeStdin();
    }

    synchronized void writeStdin(byte[] b, int n) {
        if (stdinClosed) return;
        if (stdinSink == null) {
            if (pendingStdin.size() + n <= MAX_PENDING_STDIN) pendingStdin.write(b, 0, n);
            return;
        }
        try {
            stdinSink.write(b, 0, n);
            stdinSink.flush();
        } catch (IOException e) {
            // the child stopped reading stdin: drop the rest
        }
    }

    synchronized void closeStdin() {
        stdinClosed = true;
        if (stdinSink == null) return;
        try {
            stdinSink.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
