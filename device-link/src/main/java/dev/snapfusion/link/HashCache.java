package dev.snapfusion.link;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Desktop sha256 of files, remembered by (absolute path, size, mtime) in a JSON file in the studio's
 * workspace, so a multi-GB bundle is hashed once and not again on every push.
 * <pre>{@code
 * HashCache cache = HashCache.open(workspace.resolve("cache/sha256.json"));
 * String sha = cache.sha256(Path.of("bundle/unet.tflite"));   // hashes once, then a stat
 * }</pre>
 * A changed file changes its size or mtime, which misses the cache. Thread-safe; the file is rewritten
 * atomically after each new hash, and an unreadable cache file is ignored (it is only a cache).
 */
public final class HashCache {
    private static final System.Logger LOG = System.getLogger(HashCache.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One remembered hash. */
    record Entry(long size, long mtimeMs, String sha256) {
    }

    private final Optional<Path> file;
    private final Map<String, Entry> entries;
    private int misses;

    private HashCache(Optional<Path> file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** A cache that remembers nothing: every call hashes. */
    public static HashCache none() {
        return new HashCache(Optional.empty(), new TreeMap<>());
    }

    public static HashCache open(Path cacheFile) {
        Map<String, Entry> entries = new TreeMap<>();
        if (Files.isRegularFile(cacheFile)) {
            try {
                entries.putAll(JSON.readValue(cacheFile.toFile(), new TypeReference<Map<String, Entry>>() { }));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "ignoring unreadable hash cache " + cacheFile + ": " + e.getMessage());
            }
        }
        return new HashCache(Optional.of(cacheFile), entries);
    }

    /** The file's sha256 (lower-case hex); hashes only when (path, size, mtime) is not remembered. */
    public synchronized String sha256(Path f) {
        Path abs = f.toAbsolutePath().normalize();
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(abs, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage(), e);
        }
        String key = abs.toString();
        Entry e = entries.get(key);
        long mtime = a.lastModifiedTime().toMillis();
        if (e != null && e.size() == a.size() && e.mtimeMs() == mtime) return e.sha256();
        misses++;
        String sha = Sha256.of(abs);
        if (file.isPresent()) {
            entries.put(key, new Entry(a.size(), mtime, sha));
            save();
        }
        return sha;
    }

    /** How many calls had to hash (for tests and benchmarks). */
    public synchronized int misses() {
        return misses;
    }

    private void save() {
        Path target = file.get().toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            RunnerClient.writeAtomically(target, JSON.writeValueAsBytes(entries));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot save hash cache " + target + ": " + e.getMessage());
        }
    }
}
