package dev.snapfusion.bridge.convert;

/**
 * Progress of a conversion: {@code done} of {@code total} files written, {@code what} is being written; and warnings
 * the user should read (stale staging folders removed, non-finite weights let through). Called on the converting thread.
 */
@FunctionalInterface
public interface ConvertListener {
    void progress(int done, int total, String what);

    /** One line for the user, no trailing period needed; ignored unless overridden. */
    default void warn(String message) {
    }

    ConvertListener NONE = (d, t, w) -> { };
}
