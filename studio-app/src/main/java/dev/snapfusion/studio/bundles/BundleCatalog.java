package dev.snapfusion.studio.bundles;

import dev.snapfusion.studio.common.Folders;
import dev.snapfusion.bridge.convert.ConversionReport;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.studio.common.StudioError;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundles of a workspace: every folder of {@code <workspace>/bundles} that holds a manifest.json (docs/bundle.md).
 * Hidden folders (a conversion's {@code .NAME.partial-…} staging folder) are not bundles and are skipped. Deleting
 * removes only a folder directly inside the bundles folder. Thread-safe (no state but the folder's path).
 *
 * <pre>{@code
 * BundleCatalog catalog = BundleCatalog.of(workspace);
 * for (BundleEntry b : catalog.list()) System.out.println(b.name() + " " + b.parity());
 * }</pre>
 */
public final class BundleCatalog {
    private final Path dir;

    public BundleCatalog(Path bundlesDir) {
        this.dir = bundlesDir.toAbsolutePath().normalize();
    }

    /** {@code <workspace>/bundles}, where the Convert and Models pages write. */
    public static BundleCatalog of(Path workspace) {
        return new BundleCatalog(workspace.resolve("bundles"));
    }

    public Path dir() {
        return dir;
    }

    /** Every bundle, sorted by folder name; a folder whose manifest cannot be read is listed as broken, with why. */
    public List<BundleEntry> list() throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        List<BundleEntry> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path f : children.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                if (f.getFileName().toString().startsWith(".") || !Files.isDirectory(f)) continue;
                if (!Files.isRegularFile(f.resolve(BundleManifest.FILE_NAME))) continue;
                out.add(read(f));
            }
        }
        return out;
    }

    /** One bundle folder; never throws for a bad manifest or report, which it describes instead. */
    public static BundleEntry read(Path folder) {
        long bytes = sizeOnDisk(folder);
        BundleManifest m;
        try {
            m = ManifestCodec.read(folder.resolve(BundleManifest.FILE_NAME));
        } catch (RuntimeException e) {
            return BundleEntry.broken(folder, bytes, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        Path reportFile = folder.resolve(ConversionReport.FILE_NAME);
        if (!Files.isRegularFile(reportFile)) return BundleEntry.readable(folder, m, null, bytes, null);
        try {
            return BundleEntry.readable(folder, m, ConversionReport.read(reportFile), bytes, null);
        } catch (IOException | RuntimeException e) {
            return BundleEntry.readable(folder, m, null, bytes, reportFile + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /** True when {@code folder} lies directly inside the bundles folder, the only place {@link #delete} touches. */
    public boolean owns(Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        return dir.equals(f.getParent()) && !f.getFileName().toString().isEmpty();
    }

    /**
     * Deletes a bundle folder and everything in it, never following links out of it. Returns the bytes freed. A folder
     * anywhere but directly inside the bundles folder is refused with a {@link StudioError} naming it.
     */
    public long delete(Path folder) throws IOException {
        if (!owns(folder)) {
            throw new StudioError("Will not delete " + folder + ": the studio deletes only bundle folders directly inside " + dir);
        }
        Path f = folder.toAbsolutePath().normalize();
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) return 0;
        long bytes = sizeOnDisk(f);
        Folders.deleteTree(f);
        return bytes;
    }

    /** Bytes of the regular files under {@code folder}; links are not followed. 0 when it cannot be read. */
    public static long sizeOnDisk(Path folder) {
        long[] sum = {0};
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) sum[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return sum[0];
        }
        return sum[0];
    }
}
