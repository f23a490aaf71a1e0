package dev.snapfusion.link;

import dev.snapfusion.runner.DevicePaths;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One run of TFLite's benchmark_model with op profiling (docs/op-profiles.md). Everything that reaches the device's
 * command line is here, and is checked to be a studio-made device path or a number: paths must lie in the bundles or
 * runs folder and hold only {@code [A-Za-z0-9._/-]}, so no token needs quoting and no user text can pass. Immutable.
 *
 * @param binary the local benchmark_model executable (checked and pushed by {@link BenchmarkModelClient})
 * @param graph the .tflite file on the device, inside a pushed bundle ({@code BUNDLES_DIR/<id>/...})
 * @param threads {@code --num_threads}
 * @param runs {@code --num_runs}
 * @param xnnpack {@code --use_xnnpack}: false puts every op on TFLite's builtin kernels, so each is timed and named by
 *     its tensors; true times what XNNPACK runs, whose nodes then hide the ops inside them
 * @param outDir the device folder the profile CSV goes to ({@code RUNS_DIR/<id>}); also how a stopped run is found
 */
public record BenchmarkRequest(Path binary, String graph, int threads, int runs, boolean xnnpack, String outDir) {
    private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9._-]+)+");

    public BenchmarkRequest {
        Objects.requireNonNull(binary, "binary");
        requireUnder(graph, DevicePaths.BUNDLES_DIR, "graph");
        if (!graph.endsWith(".tflite")) throw new IllegalArgumentException("graph " + graph + " is not a .tflite file");
        requireUnder(outDir, DevicePaths.RUNS_DIR, "output folder");
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (runs < 1) throw new IllegalArgumentException("runs must be at least 1, got " + runs);
    }

    private static void requireUnder(String path, String root, String what) {
        Objects.requireNonNull(path, what);
        boolean plain = PLAIN_PATH.matcher(path).matches() && !path.contains("/../") && !path.endsWith("/..")
                && !path.contains("/./") && !path.endsWith("/.");
        if (!plain || !path.startsWith(root + "/")) {
            throw new IllegalArgumentException("the " + what + " '" + path + "' is not a plain device path under " + root
                    + " (letters, digits, '.', '_', '-' and '/' only); benchmark_model's command line takes nothing else");
        }
    }
}
