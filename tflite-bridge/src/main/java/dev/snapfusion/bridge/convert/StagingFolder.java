package dev.snapfusion.bridge.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hidden sibling folder a bundle is assembled in: {@code .NAME.partial-PID-START-RANDOM}, where PID and START (epoch
 * milliseconds) name the process that owns it. A conversion killed with {@code kill -9} cannot delete its folder, so
 * every conversion first removes the {@code .*.partial-*} folders of its parent whose owner is gone: the pid is not
 * running, or runs a process that started at another time (the pid was reused). A folder whose owner is alive is never
 * touched. Folders named before owners were recorded ({@code .NAME.partial-DIGITS}) go once untouched for a day.
 * Owners are checked on this machine only: two machines converting into one network folder at once are not supported.
 * Stateless; safe to call from several threads.
 */
final class StagingFolder {
    /** Legacy folders (no owner in the name) older than this are taken as left by a killed conversion. */
    static final Duration LEGACY_AGE = Duration.ofHours(24);
    /**
     * Start times are derived from the boot time, which a clock step can shift by a little; a pid reused by a process that
     * started within this window of the owner is not told apart (the folder is kept, the safe side).
     */
    private static final long START_TOLERANCE_MS = 2_000;
    private static final Pattern OWNED = Pattern.compile("\\..+\\.partial-(\\d+)-(\\d+)-\\d+");
    private static final Pattern LEGACY = Pattern.compile("\\..+\\.partial-\\d+");

    private StagingFolder() {
    }

    /** A process by pid and start time; start 0 when the platform does not tell it. */
    record Owner(long pid, long startMillis) {
        static Owner current() {
            ProcessHandle me = ProcessHandle.current();
            return new Owner(me.pid(), me.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
        }

        boolean alive() {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive()) return false;
            if (startMillis == 0) return true;
            Optional<Instant> started = h.get().info().startInstant();
            return started.isEmpty() || Math.abs(started.get().toEpochMilli() - startMillis) <= START_TOLERANCE_MS;
        }
    }

    /** Removes stale siblings (reported through {@code listener}), then creates this process's staging folder for {@code outDir}. */
    static Path create(Path outDir, ConvertListener listener) throws IOException {
        Path parent = outDir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        sweep(parent, listener, Instant.now());
        return Files.createTempDirectory(parent, prefix(outDir.getFileName().toString(), Owner.current()));
    }

    /** The name up to the random part createTempDirectory appends. */
    static String prefix(String outName, Owner owner) {
        return "." + outName + ".partial-" + owner.pid() + "-" + owner.startMillis() + "-";
    }

    /** Deletes the stale staging folders directly under {@code parent}; returns them. */
    static List<Path> sweep(Path parent, ConvertListener listener, Instant now) throws IOException {
        List<Path> candidates;
        try (Stream<Path> s = Files.list(parent)) {
            candidates = s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        List<Path> removed = new ArrayList<>();
        for (Path p : candidates) {
            String why = staleBecause(p, now);
            if (why == null) continue;
            try {
                long bytes = size(p);
                BundleConverter.deleteTree(p);
                removed.add(p);
                listener.warn("removed stale staging folder " + p + " (" + why + "), freed " + human(bytes));
            } catch (NoSuchFileException e) {
                // Another conversion into this folder removed it first.
            } catch (IOException | UncheckedIOException e) {
                listener.warn("could not remove stale staging folder " + p + " (" + why + "): " + e.getMessage());
            }
        }
        return removed;
    }

    /** Why {@code dir} is left over from a dead conversion, or null when it is not a staging folder or may be in use. */
    static String staleBecause(Path dir, Instant now) throws IOException {
        String name = dir.getFileName().toString();
        Matcher m = OWNED.matcher(name);
        if (m.matches()) {
            Owner o;
            try {
                o = new Owner(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            } catch (NumberFormatException e) {
                return null;   // digits beyond a long: not a name this class wrote
            }
            return o.alive() ? null : "its conversion, process " + o.pid() + ", is gone";
        }
        if (!LEGACY.matcher(name).matches()) return null;
        Instant touched = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
        return touched.isBefore(now.minus(LEGACY_AGE)) ? "no owner recorded, untouched since " + touched : null;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            long total = 0;
            for (Path p : s.filter(q -> Files.isRegularFile(q, LinkOption.NOFOLLOW_LINKS)).toList()) total += Files.size(p);
            return total;
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
