package dev.snapfusion.studio.ui;

/** Turns a failure into the one line the workbench shows. */
public final class Messages {
    private Messages() {
    }

    // User mistakes arrive as exceptions with a clear message; show that message, never a stack trace. The stack trace
    // goes to the log (StudioLog) and behind the Details button.
    public static String describe(Throwable t) {
        dev.snapfusion.studio.log.StudioLog.failure("shown to the user", t);
        Throwable e = t;
        while ((e.getMessage() == null || e.getMessage().isBlank()) && e.getCause() != null) e = e.getCause();
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
