package dev.snapfusion.studio.runs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Which runs to show, the same for {@code studio runs} and the History page. Text fields match case-insensitively
 * anywhere in the value; blank or null matches everything. {@code device} matches the device name or its serial.
 *
 * @param since earliest creation time to show, or null for all
 */
public record RunFilter(String prompt, String device, String variant, String bundle, Instant since) {
    public static final RunFilter ALL = new RunFilter(null, null, null, null, null);

    public boolean matches(RunEntry e) {
        return contains(e.prompt(), prompt)
                && (contains(e.device(), device) || contains(e.serial(), device))
                && contains(e.variant(), variant)
                && contains(e.bundle(), bundle)
                && (since == null || !e.created().toInstant().isBefore(since));
    }

    public List<RunEntry> apply(List<RunEntry> runs) {
        return runs.stream().filter(this::matches).toList();
    }

    /** The start of {@code day} in {@code zone}, for a date picker. */
    public static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /**
     * A {@code --since} value: a date ({@code 2026-12-07}, from its start), a local date-time ({@code 2026-12-07T14:30})
     * or an ISO-8601 date-time with offset. Anything else is an {@link IllegalArgumentException} that names it.
     */
    public static Instant parseSince(String text, ZoneId zone) {
        String t = text.trim();
        try {
            return startOf(LocalDate.parse(t), zone);
        } catch (DateTimeParseException ignored) {
            // not a plain date; try the longer forms
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // no local date-time either
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since " + text + ": not a date; use e.g. 2026-12-07 or 2026-12-07T14:30", e);
        }
    }

    private static boolean contains(String value, String wanted) {
        if (wanted == null || wanted.isBlank()) return true;
        return value.toLowerCase(Locale.ROOT).contains(wanted.trim().toLowerCase(Locale.ROOT));
    }
}
