package dev.snapfusion.link;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a byte stream into UTF-8 lines. Shell packets do not end on line (or even character)
 * boundaries, so bytes are kept until a newline arrives. Not thread-safe; one per stream.
 */
final class LineSplitter {
    private final LineListener listener;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineSplitter(LineListener listener) {
        this.listener = listener;
    }

    void accept(byte[] data) {
        for (byte b : data) {
            if (b == '\n') {
                emit();
            } else {
                pending.write(b);
            }
        }
    }

    /** Delivers a last line that had no newline. */
    void finish() {
        if (pending.size() > 0) emit();
    }

    private void emit() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
        listener.onLine(line);
    }
}
