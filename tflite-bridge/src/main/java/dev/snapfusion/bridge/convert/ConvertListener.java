package dev.snapfusion.bridge.convert;

/** Progress of a conversion: {@code done} of {@code total} files written, {@code what} is being written. */
@FunctionalInterface
public interface ConvertListener {
    void progress(int done, int total, String what);

    ConvertListener NONE = (d, t, w) -> { };
}
