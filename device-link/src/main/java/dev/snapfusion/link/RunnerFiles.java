package dev.snapfusion.link;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runner as shipped to phones: its version and local files (the dexed runner jar and
 * libtensorflowlite_jni.so), each pushed to {@code RUNNER_DIR/<version>/<name>}.
 * This is the seam for {@code RunnerArtifacts}, which extracts these files from the studio's resources.
 *
 * @param files device file name ("runner.jar", "libtensorflowlite_jni.so") to the local file
 */
public record RunnerFiles(String version, Map<String, Path> files) {
    public static final String JAR = "runner.jar";

    public RunnerFiles {
        if (!version.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("bad runner version '" + version + "'");
        files = new TreeMap<>(files);
        if (!files.containsKey(JAR)) throw new IllegalArgumentException("runner files lack " + JAR + ": " + files.keySet());
        for (String name : files.keySet()) {
            if (!name.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("bad runner file name '" + name + "'");
        }
    }
}
