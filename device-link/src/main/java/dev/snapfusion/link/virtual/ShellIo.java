package dev.snapfusion.link.virtual;

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
    private volatile OutputStream stdinSink;

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

    private volatile boolean stdinClosed;

    /** Where the host's stdin goes from now on; closed at once if the host already closed its stdin. */
    void stdinSink(OutputStream sink) {
        this.stdinSink = sink;
        if (stdinClosed) closeStdin();
    }

    void closeStdin() {
        stdinClosed = true;
        OutputStream sink = stdinSink;
        if (sink == null) return;
        try {
            sink.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    OutputStream stdinSink() {
        return stdinSink;
    }
}
