package dev.snapfusion.studio.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The studio's own folder: converted bundles, pulled runs, reports, the virtual device's storage and
 * the studio's adb key. {@code $SNAPFUSION_HOME}, else {@code ~/.snapfusion-studio}.
 */
public record Workspace(Path root) {
    public static Workspace defaultLocation() {
        String env = System.getenv("SNAPFUSION_HOME");
        return new Workspace(env != null && !env.isEmpty() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".snapfusion-studio"));
    }

    public Path bundles() {
        return root.resolve("bundles");
    }

    public Path runs() {
        return root.resolve("runs");
    }

    public Path reports() {
        return root.resolve("reports");
    }

    public Workspace create() throws IOException {
        Files.createDirectories(root);
        return this;
    }
}
