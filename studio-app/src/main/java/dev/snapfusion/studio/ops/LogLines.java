package dev.snapfusion.studio.ops;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes a saved line back to what benchmark_model printed: drops a logcat prefix and TFLite's own
 * {@code INFO: }, and drops lines that other logcat tags wrote into the middle of a capture.
 */
final class LogLines {
    /**
     * The prefixes of {@code adb logcat -v threadtime|time|brief|tag} (and {@code -v year}):
     * {@code 12-07 10:11:12.345  1234  1234 I tflite  : }, {@code 12-07 10:11:12.345 I/tflite  ( 1234): },
     * {@code I/tflite  ( 1234): }, {@code I/tflite: }, and the spaced {@code I tflite  : }.
     */
    private static final Pattern LOGCAT = Pattern.compile(
            "(?:(?:\\d{4}-)?\\d{2}-\\d{2}\\s+\\d{2}:\\d{2}:\\d{2}\\.\\d+\\s+(?:\\d+\\s+\\d+\\s+)?)?"
                    + "[VDIWEFA](?:/(?<slashTag>[^(:]*?)\\s*(?:\\(\\s*\\d+\\))?|\\s+(?<spaceTag>\\S+)\\s*):\\s?");
    private static final Pattern TFLITE_SEVERITY = Pattern.compile("(?:INFO|VERBOSE|WARNING): ?");

    private LogLines() {
    }

    /** The message of {@code raw}, or null for a line that is not benchmark_model's (another logcat tag, a logcat banner). */
    static String message(String raw) {
        String line = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        if (line.startsWith("--------- beginning of ")) return null;
        Matcher m = LOGCAT.matcher(line);
        if (m.lookingAt()) {
            String tag = m.group("slashTag") != null ? m.group("slashTag") : m.group("spaceTag");
            // TFLite logs under "tflite"; anything else is another process talking in the middle of the table.
            if (!tag.toLowerCase(Locale.ROOT).contains("tflite")) return null;
            line = line.substring(m.end());
        }
        Matcher s = TFLITE_SEVERITY.matcher(line);
        return s.lookingAt() ? line.substring(s.end()) : line;
    }
}
