package dev.snapfusion.link;

import dev.snapfusion.runner.DevicePaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the studio keeps on a device, and cleaning it up: the bundles under {@code BUNDLES_DIR} and the
 * runs under {@code RUNS_DIR}, with their disk usage.
 * <pre>{@code
 * for (DeviceStorage.Item i : DeviceStorage.list(device)) System.out.println(i.kind() + " " + i.id() + " " + i.bytes());
 * DeviceStorage.deleteBundle(device, "snapfusion-int8");
 * }</pre>
 * Four shell calls for the whole listing, whatever the count. Stateless; thread-safe.
 */
public final class DeviceStorage {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]+");

    /** A bundle or a run on the device. */
    public enum Kind { BUNDLE, RUN }

    /**
     * @param bytes disk usage ({@code du -sk}, so rounded up to blocks)
     * @param complete for a bundle: every file was verified (the marker is there); always true for a run
     */
    public record Item(Kind kind, String id, String devicePath, long bytes, boolean complete) {
    }

    private DeviceStorage() {
    }

    public static List<Item> list(Device d) {
        List<Item> out = new ArrayList<>();
        List<String> bundles = names(d, DevicePaths.BUNDLES_DIR);
        List<String> runs = names(d, DevicePaths.RUNS_DIR);
        List<String> paths = new ArrayList<>();
        bundles.forEach(b -> paths.add(DevicePaths.BUNDLES_DIR + "/" + b));
        runs.forEach(r -> paths.add(DevicePaths.RUNS_DIR + "/" + r));
        Map<String, Long> sizes = paths.isEmpty() ? Map.of() : du(d.shell(with("du", "-sk", paths)).stdout());
        Map<String, Long> markers = new HashMap<>();
        if (!bundles.isEmpty()) {
            List<String> ms = bundles.stream().map(b -> DevicePaths.BUNDLES_DIR + "/" + b + "/" + BundlePusher.MARKER).toList();
            markers = wc(d.shell(with("wc", "-c", ms)).stdout());
        }
        for (String b : bundles) {
            String p = DevicePaths.BUNDLES_DIR + "/" + b;
            out.add(new Item(Kind.BUNDLE, b, p, sizes.getOrDefault(p, -1L),
                    markers.getOrDefault(p + "/" + BundlePusher.MARKER, 0L) > 0));
        }
        for (String r : runs) {
            String p = DevicePaths.RUNS_DIR + "/" + r;
            out.add(new Item(Kind.RUN, r, p, sizes.getOrDefault(p, -1L), true));
        }
        return out;
    }

    public static void deleteBundle(Device d, String id) {
        delete(d, DevicePaths.BUNDLES_DIR, id, "bundle");
    }

    public static void deleteRun(Device d, String id) {
        delete(d, DevicePaths.RUNS_DIR, id, "run");
    }

    /** Deletes every run; returns how many there were. */
    public static int deleteRuns(Device d) {
        List<String> runs = names(d, DevicePaths.RUNS_DIR);
        for (String r : runs) deleteRun(d, r);
        return runs.size();
    }

    private static void delete(Device d, String parent, String id, String what) {
        if (!SAFE_ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("'" + id + "' is not a " + what + " id (letters, digits, '.', '_', '-')");
        }
        String path = parent + "/" + id;
        if (!d.shell(List.of("test", "-d", path)).ok()) {
            throw new IllegalArgumentException("no " + what + " '" + id + "' on " + d.serial() + " (" + path + ")");
        }
        ShellResult r = d.shell(List.of("rm", "-rf", path));
        if (!r.ok()) throw new TransferException("cannot delete " + path + " on " + d.serial() + ": " + r.stderr().strip(), null, false);
    }

    /** Entry names of a folder; none when it does not exist yet. */
    static List<String> names(Device d, String dir) {
        ShellResult r = d.shell(List.of("ls", dir));
        if (!r.ok()) return List.of();
        return r.stdout().lines().map(String::strip).filter(SAFE_ID.asMatchPredicate()).sorted().toList();
    }

    /** "KB<tab>path" lines of du -sk, to bytes. */
    static Map<String, Long> du(String stdout) {
        Map<String, Long> out = wc(stdout);
        out.replaceAll((k, kb) -> kb * 1024);
        return out;
    }

    /** "number path" lines, as wc -c prints them (a missing file only shows on stderr). */
    static Map<String, Long> wc(String stdout) {
        Map<String, Long> out = new HashMap<>();
        for (String line : stdout.split("\n")) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[0].matches("\\d+")) out.put(parts[1], Long.parseLong(parts[0]));
        }
        return out;
    }

    private static List<String> with(String cmd, String opt, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(cmd, opt));
        argv.addAll(args);
        return argv;
    }
}
