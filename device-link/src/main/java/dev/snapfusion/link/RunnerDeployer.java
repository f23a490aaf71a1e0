package dev.snapfusion.link;

import dev.snapfusion.runner.DevicePaths;
import java.util.Set;

/**
 * Puts the runner on a phone once per version ({@code RUNNER_DIR/<version>}), verified like a bundle
 * ({@link VerifiedInstall}). A later run costs one {@code cat} of the marker. Stateless; thread-safe.
 */
final class RunnerDeployer {
    private final HashCache hashes;

    RunnerDeployer(HashCache hashes) {
        this.hashes = hashes;
    }

    static String dir(String version) {
        return DevicePaths.RUNNER_DIR + "/" + version;
    }

    /** Returns the runner folder on the device; pushes only when its marker does not match. */
    String ensure(Device d, RunnerFiles rf) {
        String dir = dir(rf.version());
        new VerifiedInstall(hashes).ensure(d, dir, rf.files(), Set.of());
        return dir;
    }
}
