package dev.snapfusion.link;

/** One line (without its newline) of a streamed command's stdout or stderr, on the reading thread. */
@FunctionalInterface
public interface LineListener {
    LineListener NONE = line -> { };

    void onLine(String line);
}
