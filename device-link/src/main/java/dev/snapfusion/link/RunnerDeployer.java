package dev.snapfusion.link;

import dev.snapfusion.runner.DevicePaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the runner on a phone once per version, verified like a bundle: each file goes to a .part name,
 * is checked with the device's sha256sum, then renamed; a marker holding the digest of all file hashes
 * is written last. A later run costs one {@code cat} of the marker. Stateless; thread-safe.
 */
final class RunnerDeployer {
    static final String MARKER = BundlePusher.MARKER;

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
        Map<String, String> shas = new TreeMap<>();
        rf.files().forEach((name, local) -> shas.put(name, hashes.sha256(local)));
        StringBuilder all = new StringBuilder();
        shas.forEach((name, sha) -> all.append(sha).append("  ").append(name).append('\n'));
        String digest = Sha256.of(all.toString().getBytes(StandardCharsets.UTF_8)) + "\n";
        ShellResult marker = d.shell(List.of("cat", dir + "/" + MARKER));
        if (marker.ok() && marker.stdout().equals(digest)) return dir;

        d.shell(List.of("rm", "-f", dir + "/" + MARKER));
        ShellResult mk = d.shell(List.of("mkdir", "-p", dir));
        if (!mk.ok()) throw new TransferException("cannot create " + dir + " on " + d.serial() + ": " + mk.stderr().strip(), null, false);
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Path> f : rf.files().entrySet()) {
            String part = dir + "/" + f.getKey() + ".part";
            d.pushDirect(f.getValue(), part, TransferListener.NONE);
            parts.add(part);
        }
        List<String> argv = new ArrayList<>(List.of("sha256sum"));
        argv.addAll(parts);
        Map<String, String> sums = Sha256.parseSums(d.shell(argv).stdout());
        for (String name : rf.files().keySet()) {
            String part = dir + "/" + name + ".part";
            if (!shas.get(name).equalsIgnoreCase(sums.getOrDefault(part, ""))) {
                d.shell(List.of("rm", "-f", part));
                throw new TransferException("runner file " + name + " arrived corrupted on " + d.serial() + "; run again",
                        null, true);
            }
        }
        for (String name : rf.files().keySet()) {
            ShellResult mv = d.shell(List.of("mv", dir + "/" + name + ".part", dir + "/" + name));
            if (!mv.ok()) throw new TransferException("cannot install " + name + " on " + d.serial() + ": " + mv.stderr().strip(), null, false);
        }
        d.pushBytes(digest.getBytes(StandardCharsets.UTF_8), dir + "/" + MARKER);
        return dir;
    }
}
