package dev.snapfusion.studio.cli;

import dev.snapfusion.studio.common.ProgressSink;
import java.io.PrintStream;

/**
 * Progress on stderr: a redrawn bar on a terminal, otherwise one line whenever the phase changes or
 * another 10% is done, so CI logs stay readable.
 */
final class ConsoleProgress implements ProgressSink {
    private final PrintStream err;
    private final boolean terminal;
    private String lastPhase = "";
    private int lastDecile = -1;

    ConsoleProgress(PrintStream err) {
        this.err = err;
        this.terminal = System.console() != null && System.getenv("CI") == null;
    }

    @Override
    public synchronized void update(String phase, double fraction, String detail) {
        int pct = fraction < 0 ? -1 : (int) Math.round(fraction * 100);
        if (terminal) {
            int filled = pct < 0 ? 0 : pct / 5;
            String bar = "#".repeat(filled) + "-".repeat(20 - filled);
            String line = String.format("\r[%s] %3s%% %-11s %s", bar, pct < 0 ? "?" : pct, phase, detail);
            err.print(line.length() > 120 ? line.substring(0, 120) : String.format("%-120s", line));
            if (pct == 100) err.println();
        } else if (!phase.equals(lastPhase) || pct / 10 != lastDecile) {
            err.printf("%3s%% %-11s %s%n", pct < 0 ? "?" : pct, phase, detail);
            lastPhase = phase;
            lastDecile = pct / 10;
        }
        err.flush();
    }

    /** A warning on its own line, never overwritten by the bar; the next update prints again. */
    synchronized void warn(String message) {
        if (terminal) err.println();
        err.println("warning: " + message);
        err.flush();
        lastPhase = "";
    }

    /** A runner notice on its own line, like {@link #warn}. */
    synchronized void notice(String code, String message) {
        if (terminal) err.println();
        err.println("notice (" + code + "): " + message);
        err.flush();
        lastPhase = "";
    }

    void finish() {
        if (terminal) err.println();
    }
}
