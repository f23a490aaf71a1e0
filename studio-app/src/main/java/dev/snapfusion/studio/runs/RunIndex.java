package dev.snapfusion.studio.runs;

import dev.snapfusion.studio.common.Folders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The workspace's history of runs, whoever made them (the workbench, {@code studio generate}, the demo), across
 * restarts: one small JSON file per run in {@code <workspace>/runs/index/<id>.json}. Each entry is written to a
 * temp file, forced to disk and renamed into place, so a crash leaves either the whole entry or a {@code .tmp}
 * that {@link #list()} skips with a warning; a damaged entry is skipped the same way and never hides the others.
 * One file per run also lets the workbench and a CLI in another process add runs at the same time without a lock.
 * Thread-safe: it holds no state beyond the folder.
 *
 * <pre>{@code
 * RunIndex index = new RunIndex(workspace.root());
 * index.add(entry);
 * for (RunEntry e : index.list().runs()) System.out.println(e.id() + " " + e.folder());
 * }</pre>
 */
public final class RunIndex {
    public static final String DIR = "runs/index";
    private static final String SUFFIX = ".json";
    private static final String TMP = ".tmp";
    /** A temp file younger than this may be another process's write in progress, not a crash's leftover. */
    private static final Duration UNFINISHED_AFTER = Duration.ofMinutes(1);

    private final Path workspace;
    private final Path dir;

    public RunIndex(Path workspaceRoot) {
        this.workspace = workspaceRoot.toAbsolutePath().normalize();
        this.dir = workspace.resolve(DIR);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Adds a run. An id that is taken gets a "-2", "-3"… suffix.
     *
     * @return the entry as stored
     */
    public RunEntry add(RunEntry entry) throws IOException {
        Files.createDirectories(dir);
        String base = fileSafe(entry.id());
        String id = base;
        for (int n = 2; Files.exists(file(id)); n++) id = base + "-" + n;
        RunEntry stored = entry.withId(id);
        // A temp name of its own, so two writers never interleave in one file.
        Path tmp = Files.createTempFile(dir, id + ".", SUFFIX + TMP);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((RunEntryCodec.toJson(stored) + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, file(id), StandardCopyOption.ATOMIC_MOVE);
        return stored;
    }

    /** Every readable entry, newest first; unreadable ones become warnings that name the file. */
    public RunListing list() {
        List<RunEntry> runs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!Files.isDirectory(dir)) return new RunListing(runs, warnings);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        } catch (IOException e) {
            return new RunListing(runs, List.of("cannot list the run history in " + dir + ": " + e.getMessage()));
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(SUFFIX)) {
                read(f, warnings).ifPresent(runs::add);
            } else if (name.endsWith(SUFFIX + TMP) && olderThan(f, UNFINISHED_AFTER)) {
                warnings.add("skipped " + f + ": a half-written entry (the studio stopped while saving it); delete it");
            }
        }
        runs.sort(Comparator.comparing((RunEntry e) -> e.created().toInstant()).thenComparing(RunEntry::id).reversed());
        return new RunListing(runs, warnings);
    }

    /** The readable entry with this id, if any. */
    public Optional<RunEntry> find(String id) {
        if (!id.equals(fileSafe(id)) || !Files.isRegularFile(file(id))) return Optional.empty();
        return read(file(id), new ArrayList<>());
    }

    /**
     * Removes a run from the history, and its folder unless {@code keepFiles}; a folder outside the workspace (written
     * with {@code --out}) is never deleted. Empty when no readable entry has this id.
     */
    public Optional<RunDeletion> delete(String id, boolean keepFiles) throws IOException {
        Optional<RunEntry> found = find(id);
        if (found.isEmpty()) return Optional.empty();
        RunEntry e = found.get();
        RunDeletion.Folder fate = fate(e.folder(), keepFiles);
        // The folder goes first: if that fails half-way the entry is still there to delete again.
        if (fate == RunDeletion.Folder.DELETED) Folders.deleteTree(e.folder());
        Files.deleteIfExists(file(id));
        return Optional.of(new RunDeletion(e, fate, workspace));
    }

    /** True when the folder lies inside this workspace, where deleting a run may delete its files. */
    public boolean owns(Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        return f.startsWith(workspace) && !f.equals(workspace);
    }

    private RunDeletion.Folder fate(Path folder, boolean keepFiles) {
        if (keepFiles) return RunDeletion.Folder.KEPT;
        if (!owns(folder)) return RunDeletion.Folder.OUTSIDE_WORKSPACE;
        Path f = folder.toAbsolutePath().normalize();
        if (dir.startsWith(f)) return RunDeletion.Folder.PROTECTED;
        return Files.exists(f, LinkOption.NOFOLLOW_LINKS) ? RunDeletion.Folder.DELETED : RunDeletion.Folder.MISSING;
    }

    private static Optional<RunEntry> read(Path f, List<String> warnings) {
        try {
            return Optional.of(RunEntryCodec.parse(Files.readString(f, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            warnings.add("skipped " + f + ": " + e.getMessage() + " (a damaged or half-written entry; delete it)");
        } catch (IOException e) {
            warnings.add("skipped " + f + ": cannot read it (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    private static boolean olderThan(Path f, Duration age) {
        try {
            return Files.getLastModifiedTime(f).toInstant().isBefore(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private Path file(String id) {
        return dir.resolve(id + SUFFIX);
    }

    /** Ids become file names: anything but letters, digits, '.', '_' and '-' turns into '_'. */
    static String fileSafe(String id) {
        String s = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }
}
