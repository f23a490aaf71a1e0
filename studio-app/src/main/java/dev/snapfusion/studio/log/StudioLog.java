package dev.snapfusion.studio.log;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The studio's log: java.util.logging into {@code <workspace>/logs/studio.log} (rotating, 4 × 5 MB, appended across
 * runs), one line per record with time, level and logger, and the stack trace of every failure below it. Failures shown
 * to the user go through {@link #failure}, so a bug's stack trace is kept even when the window shows one line.
 */
public final class StudioLog {
    public static final String FILE = "studio.log";
    private static final Logger ROOT = Logger.getLogger("dev.snapfusion");
    private static volatile Path file;
    private static volatile Throwable lastFailure;

    private StudioLog() {
    }

    /** Installs the file handler once (later calls with the same workspace do nothing); returns the log file. */
    public static synchronized Path install(Path workspace) throws IOException {
        Path dir = workspace.resolve("logs");
        Path f = dir.resolve(FILE);
        if (f.equals(file)) return f;
        Files.createDirectories(dir);
        FileHandler h = new FileHandler(dir.resolve("studio%g.log").toString().replace("studio0", "studio"), 5_000_000, 4, true);
        h.setFormatter(new LineFormatter());
        h.setLevel(Level.ALL);
        ROOT.addHandler(h);
        ROOT.setLevel(Level.INFO);
        file = dir.resolve("studio0.log");
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            failure("uncaught in thread " + t.getName(), e);
            if (previous != null) previous.uncaughtException(t, e);
        });
        return file;
    }

    /** The current log file, or null before {@link #install}. */
    public static Path file() {
        return file;
    }

    /** Logs a failure the user is shown, with its stack trace, and remembers it for the Details view. */
    public static void failure(String context, Throwable t) {
        lastFailure = t;
        ROOT.log(Level.WARNING, context, t);
    }

    /** The last failure's stack trace, or "" when there was none. */
    public static String lastStackTrace() {
        Throwable t = lastFailure;
        if (t == null) return "";
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    public static Logger logger(Class<?> c) {
        return Logger.getLogger(c.getName());
    }

    /** {@code 2026-12-07 14:02:11.123 WARNING dev.snapfusion.studio.compare.CompareModel: message}, then the stack trace. */
    static final class LineFormatter extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord r) {
            StringBuilder s = new StringBuilder();
            s.append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ').append(r.getLevel()).append(' ')
                    .append(r.getLoggerName()).append(": ").append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                s.append(w);
            }
            return s.toString();
        }
    }
}
