package dev.snapfusion.studio.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** File names inside a report folder, and the atomic writes that put files there. */
final class ReportFiles {
    static final String JSON = "report.json";
    static final String HTML = "report.html";
    /** The difference heat-map of the two images (first against second). */
    static final String DIFF = "difference.png";

    private ReportFiles() {
    }

    /** {@code <variant>.png} per run; a second run of the same variant becomes {@code <variant>-2.png}. */
    static List<String> imageNames(ComparisonReport r) {
        List<String> names = new ArrayList<>();
        for (RunSummary run : r.runs()) {
            String base = run.variant().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
            if (base.isEmpty() || base.startsWith(".")) base = "run" + base;
            String name = base + ".png";
            if (names.contains(name)) name = base + "-" + (names.size() + 1) + ".png";
            names.add(name);
        }
        return names;
    }

    static void writeString(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void writePng(Path target, java.awt.image.BufferedImage image) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            if (!javax.imageio.ImageIO.write(image, "png", tmp.toFile())) throw new IOException("no PNG writer");
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void copy(Path source, Path target) throws IOException {
        if (Files.exists(target) && Files.isSameFile(source, target)) return;
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // A reader (the workbench, a browser) never sees a half-written file: it sees the old one or the new one.
    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        readableByAll(tmp);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** createTempFile makes 0600 files; a report is meant to be shared (browsers, web servers, colleagues). */
    private static void readableByAll(Path p) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
