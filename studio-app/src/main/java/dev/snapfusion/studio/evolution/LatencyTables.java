package dev.snapfusion.studio.evolution;

import dev.snapfusion.studio.common.StudioError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Latency tables kept in the workspace ({@code evolve/latency/<device>__<bundle id>__<runtime>.json}), so a device is
 * measured once per bundle and runtime. Where several runtimes were measured, the newest table wins. Not thread-safe.
 */
public final class LatencyTables {
    private final Path dir;

    public LatencyTables(Path workspaceRoot) {
        this.dir = workspaceRoot.resolve("evolve").resolve("latency");
    }

    public Path dir() {
        return dir;
    }

    public Optional<LatencyTable> find(String serial, String bundleId) {
        if (!Files.isDirectory(dir)) return Optional.empty();
        String prefix = slug(serial) + "__" + bundleId + "__";
        try (Stream<Path> files = Files.list(dir)) {
            List<LatencyTable> tables = files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .filter(f -> f.getFileName().toString().endsWith(".json")).map(LatencyTables::read).toList();
            return tables.stream().max(Comparator.comparing(LatencyTable::created));
        } catch (IOException e) {
            throw new StudioError("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path save(LatencyTable t) {
        Path f = dir.resolve(slug(t.serial()) + "__" + t.bundleId() + "__" + slug(t.runtime()) + ".json");
        try {
            Files.createDirectories(dir);
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            Files.writeString(tmp, t.toJson());
            Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return f;
        } catch (IOException e) {
            throw new StudioError("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    private static LatencyTable read(Path f) {
        try {
            return LatencyTable.parse(Files.readString(f));
        } catch (IOException e) {
            throw new StudioError("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "-");
    }
}
