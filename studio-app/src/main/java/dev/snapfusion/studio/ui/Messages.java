package dev.snapfusion.studio.ui;

/** Turns a failure into the one line the workbench shows. */
public final class Messages {
    private Messages() {
    }

    // User mistakes arrive as exceptions with a clear message; show that message, never a stack trace.
    public static String describe(Throwable t) {
        Throwable e = t;
        while ((e.getMessage() == null || e.getMessage().isBlank()) && e.getCause() != null) e = e.getCause();
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
