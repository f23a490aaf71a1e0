package dev.snapfusion.link;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Puts a set of files into one device folder once per content, verified like a bundle: each file goes to a .part
 * name, is checked with the device's sha256sum, then renamed; executables get {@code chmod 755}; a marker holding the
 * digest of all file hashes is written last. A later call costs one {@code cat} of the marker. The runner
 * ({@link RunnerDeployer}) and the user's native tools ({@link BenchmarkModelClient}) go through here. Stateless;
 * thread-safe.
 */
final class VerifiedInstall {
    static final String MARKER = BundlePusher.MARKER;

    private final HashCache hashes;

    VerifiedInstall(HashCache hashes) {
        this.hashes = hashes;
    }

    /**
     * @param files device file name to the local file
     * @param executables names among {@code files} that must be executable on the device
     * @return true when the files were pushed, false when the verified copy was already there
     */
    boolean ensure(Device d, String dir, Map<String, Path> files, Set<String> executables) {
        Map<String, String> shas = new TreeMap<>();
        files.forEach((name, local) -> shas.put(name, hashes.sha256(local)));
        String digest = digest(shas, executables);
        ShellResult marker = d.shell(List.of("cat", dir + "/" + MARKER));
        if (marker.ok() && marker.stdout().equals(digest)) return false;

        d.shell(List.of("rm", "-f", dir + "/" + MARKER));
        check(d, List.of("mkdir", "-p", dir), "create " + dir);
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            String part = dir + "/" + f.getKey() + ".part";
            d.pushDirect(f.getValue(), part, TransferListener.NONE);
            parts.add(part);
        }
        List<String> argv = new ArrayList<>(List.of("sha256sum"));
        argv.addAll(parts);
        Map<String, String> sums = Sha256.parseSums(d.shell(argv).stdout());
        for (String name : files.keySet()) {
            String part = dir + "/" + name + ".part";
            if (!shas.get(name).equalsIgnoreCase(sums.getOrDefault(part, ""))) {
                d.shell(List.of("rm", "-f", part));
                throw new TransferException(name + " arrived corrupted on " + d.serial() + "; run again", null, true);
            }
        }
        for (String name : files.keySet()) {
            check(d, List.of("mv", dir + "/" + name + ".part", dir + "/" + name), "install " + name);
            if (executables.contains(name)) check(d, List.of("chmod", "755", dir + "/" + name), "make " + name + " executable");
        }
        d.pushBytes(digest.getBytes(StandardCharsets.UTF_8), dir + "/" + MARKER);
        return true;
    }

    /** sha256 and name per file, and which are executable: a changed mode is a changed install. */
    private static String digest(Map<String, String> shas, Set<String> executables) {
        StringBuilder all = new StringBuilder();
        shas.forEach((name, sha) -> all.append(sha).append("  ").append(name)
                .append(executables.contains(name) ? " 755" : "").append('\n'));
        return Sha256.of(all.toString().getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    private static void check(Device d, List<String> argv, String what) {
        ShellResult r = d.shell(argv);
        if (!r.ok()) throw new TransferException("cannot " + what + " on " + d.serial() + ": " + r.stderr().strip(), null, false);
    }
}
