package dev.snapfusion.link;

import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.FileEntry;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.bundle.OpFloor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Pushes a bundle folder to {@code DevicePaths.BUNDLES_DIR/<bundle id>/}.
 * <pre>{@code
 * PushReport r = new BundlePusher(HashCache.open(ws.resolve("cache/sha256.json"))).push(device,
 *         Path.of("out/snapfusion-int8"), p -> System.out.printf("%s %.1f MB/s ETA %ss%n", p.file(),
 *         p.megabytesPerSecond(), p.eta().toSeconds()));
 * }</pre>
 * <ul>
 * <li>Up to date: when the device's manifest.json equals the local one and the {@value #MARKER} marker
 *     (written only after every file was verified) holds its sha256, the push is one shell call.</li>
 * <li>Otherwise the marker is removed first, files already on the device with the manifest's sha256 are
 *     skipped (one {@code sha256sum} call), the rest are checked on the desktop against the manifest
 *     (through the {@link HashCache}) and pushed under ".part" names; one {@code sha256sum} verifies every
 *     .part on the device, then they are renamed, manifest.json last, then the marker is written.</li>
 * <li>An interrupted push (unplug) leaves only .part files and verified files, and no manifest: nothing
 *     the runner would load. The next push skips the verified files and sends the rest.</li>
 * </ul>
 * Thread-safe: one pusher may push to several devices at once ({@link MultiPush}).
 */
public final class BundlePusher {
    /** Holds the sha256 of manifest.json; written after the whole bundle was verified on the device. */
    public static final String MARKER = ".snapfusion-verified";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String PART = ".part";

    private final HashCache hashes;

    /** A pusher that hashes local files every time (no cache). */
    public BundlePusher() {
        this(HashCache.none());
    }

    public BundlePusher(HashCache hashes) {
        this.hashes = hashes;
    }

    /**
     * Checks a bundle on the desktop without touching any device: its manifest, that every listed file is inside the
     * bundle with the listed size, and that the phone's TFLite registers every operator of every .tflite file
     * ({@link OpFloor}: an {@link dev.snapfusion.runner.bundle.OpFloorException} names each file and operator).
     * Throws IllegalArgumentException for a bad bundle; returns its manifest.
     */
    public BundleManifest check(Path bundleDir) {
        Path manifestFile = bundleDir.resolve(BundleManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException(bundleDir + " is not a bundle: it has no " + BundleManifest.FILE_NAME);
        }
        BundleManifest m = ManifestCodec.read(manifestFile);
        checkLayout(m, bundleDir);
        OpFloor.phone().requireLoadable(bundleDir, m);
        return m;
    }

    public PushReport push(Device d, Path bundleDir, PushListener listener) {
        long start = System.nanoTime();
        BundleManifest m = check(bundleDir);   // before the first byte goes to the device
        Path manifestFile = bundleDir.resolve(BundleManifest.FILE_NAME);
        byte[] manifestBytes = read(manifestFile);
        String manifestSha = Sha256.of(manifestBytes);
        String dir = DevicePaths.BUNDLES_DIR + "/" + m.id();
        String manifestPath = dir + "/" + BundleManifest.FILE_NAME;
        String markerPath = dir + "/" + MARKER;

        if (upToDate(d, manifestPath, markerPath, manifestBytes, manifestSha)) {
            List<String> skipped = new ArrayList<>();
            for (FileEntry f : m.files()) {
                skipped.add(f.path());
                listener.onSkipped(f.path(), f.size());
            }
            skipped.add(BundleManifest.FILE_NAME);
            return new PushReport(m.id(), dir, List.of(), skipped, 0, m.totalBytes(), seconds(start));
        }

        expectOk(d, List.of("rm", "-f", markerPath), "invalidate " + markerPath);
        mkdirs(d, dir, m.files());
        removeStaleParts(d, dir, m.files());
        List<String> remote = new ArrayList<>();
        m.files().forEach(f -> remote.add(dir + "/" + f.path()));
        remote.add(manifestPath);
        Map<String, String> onDevice = Sha256.parseSums(d.shell(cat("sha256sum", remote)).stdout());

        List<FileEntry> toPush = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long skippedBytes = 0;
        for (FileEntry f : m.files()) {
            if (f.sha256().equalsIgnoreCase(onDevice.getOrDefault(dir + "/" + f.path(), ""))) {
                skipped.add(f.path());
                skippedBytes += f.size();
                listener.onSkipped(f.path(), f.size());
            } else {
                toPush.add(f);
            }
        }
        boolean manifestSame = manifestSha.equals(onDevice.getOrDefault(manifestPath, ""));
        if (!toPush.isEmpty() && onDevice.containsKey(manifestPath)) {
            // The bundle is about to change: it must not look complete while it does.
            expectOk(d, List.of("rm", "-f", manifestPath), "remove the old manifest");
            manifestSame = false;
        }
        // Never ship a file that does not match its manifest (cached: a big file is hashed once).
        for (FileEntry f : toPush) checkLocal(bundleDir, f);

        long total = toPush.stream().mapToLong(FileEntry::size).sum();
        ProgressMeter meter = new ProgressMeter(total, System::nanoTime);
        List<String> pushed = new ArrayList<>();
        for (FileEntry f : toPush) {
            String target = dir + "/" + f.path();
            d.pushDirect(bundleDir.resolve(f.path()), target + PART,
                    (done, size) -> listener.onProgress(meter.progress(f.path(), done, size)));
            meter.fileDone(f.size());
            // Verified and renamed one by one, so an unplug later in the push keeps this file.
            verifyAndRename(d, target, f.sha256());
            listener.onVerified(f.path());
            pushed.add(f.path());
        }
        if (manifestSame) {
            skipped.add(BundleManifest.FILE_NAME);
        } else {
            d.pushBytes(manifestBytes, manifestPath + PART);
            verifyAndRename(d, manifestPath, manifestSha);
            listener.onVerified(BundleManifest.FILE_NAME);
            pushed.add(BundleManifest.FILE_NAME);
        }
        d.pushBytes((manifestSha + "\n").getBytes(StandardCharsets.US_ASCII), markerPath);
        return new PushReport(m.id(), dir, pushed, skipped, total, skippedBytes, seconds(start));
    }

    /**
     * An interrupted push leaves partial files behind: ours ({@code NAME.part}) and adbd's hidden temporaries
     * ({@code .NAME.part.*} on some adbd versions, {@code .NAME.vdev-*} on the virtual device). Tens of MB each, never
     * read again: removed from the bundle's folders before this push writes anything. One {@code ls -a} per folder.
     */
    static List<String> removeStaleParts(Device d, String dir, List<FileEntry> files) {
        java.util.Set<String> folders = new java.util.TreeSet<>();
        folders.add(dir);
        for (FileEntry f : files) {
            int slash = f.path().lastIndexOf('/');
            if (slash > 0) folders.add(dir + "/" + f.path().substring(0, slash));
        }
        List<String> stale = new ArrayList<>();
        for (String folder : folders) {
            ShellResult ls = d.shell(List.of("ls", "-a", folder));
            if (!ls.ok()) continue;   // a folder that is not there yet holds nothing stale
            for (String name : ls.stdout().split("\n")) {
                String n = name.strip();
                if (isStalePart(n)) stale.add(folder + "/" + n);
            }
        }
        if (!stale.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(stale);
            expectOk(d, rm, "remove " + stale.size() + " partial files of an interrupted push");
        }
        return stale;
    }

    static boolean isStalePart(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) return false;
        return name.endsWith(PART) || name.startsWith(".") && (name.contains(PART + ".") || name.contains(".vdev-"));
    }

    /** One shell call: the device's manifest.json and marker, compared with the local manifest. */
    private static boolean upToDate(Device d, String manifestPath, String markerPath, byte[] manifest, String sha) {
        ShellResult r = d.shell(List.of("cat", manifestPath, markerPath));
        return r.ok() && r.stdout().equals(new String(manifest, StandardCharsets.UTF_8) + sha + "\n");
    }

    private void checkLocal(Path bundleDir, FileEntry f) {
        String local = hashes.sha256(bundleDir.resolve(f.path()));
        if (!local.equalsIgnoreCase(f.sha256())) {
            throw new IllegalArgumentException("bundle file " + bundleDir.resolve(f.path()) + " has sha256 " + local
                    + " but manifest.json says " + f.sha256() + "; re-convert the bundle");
        }
    }

    /** Checks {@code target.part} with the device's sha256sum, then renames it to {@code target}. */
    private static void verifyAndRename(Device d, String target, String sha) {
        String part = target + PART;
        String got = Sha256.parseSums(d.shell(List.of("sha256sum", part)).stdout()).getOrDefault(part, "");
        if (!sha.equalsIgnoreCase(got)) {
            d.shell(List.of("rm", "-f", part));
            throw new TransferException("device copy " + part + " has sha256 '" + got + "', expected " + sha + " (on "
                    + d.serial() + "); push again", null, true);
        }
        expectOk(d, List.of("mv", part, target), "rename " + part);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void mkdirs(Device d, String dir, List<FileEntry> files) {
        TreeSet<String> dirs = new TreeSet<>();
        dirs.add(dir);
        for (FileEntry f : files) {
            int slash = f.path().lastIndexOf('/');
            if (slash > 0) dirs.add(dir + "/" + f.path().substring(0, slash));
        }
        List<String> argv = new ArrayList<>(List.of("mkdir", "-p"));
        argv.addAll(dirs);
        expectOk(d, argv, "create " + dir);
    }

    private static void expectOk(Device d, List<String> argv, String what) {
        ShellResult r = d.shell(argv);
        if (!r.ok()) {
            throw new TransferException("cannot " + what + " on " + d.serial() + ": " + r.stderr().trim(), null, false);
        }
    }

    /** Paths come from a manifest file: refuse any that could leave the bundle folder. */
    private static void checkLayout(BundleManifest m, Path bundleDir) {
        if (!SAFE_ID.matcher(m.id()).matches() || m.id().equals(".") || m.id().equals("..")) {
            throw new IllegalArgumentException(bundleDir + "/manifest.json: bundle id '" + m.id()
                    + "' may only use letters, digits, '.', '_' and '-'");
        }
        for (FileEntry f : m.files()) {
            String p = f.path();
            if (p.isEmpty() || p.startsWith("/") || p.contains("\\") || List.of(p.split("/")).contains("..")
                    || p.equals(BundleManifest.FILE_NAME) || p.endsWith(PART)) {
                throw new IllegalArgumentException(bundleDir + "/manifest.json: file path '" + p
                        + "' must be relative, inside the bundle, and not manifest.json or *.part");
            }
            Path local = bundleDir.resolve(p);
            long size;
            try {
                size = Files.size(local);
            } catch (IOException e) {
                throw new IllegalArgumentException("bundle file " + local + " listed in manifest.json is missing");
            }
            if (size != f.size()) {
                throw new IllegalArgumentException("bundle file " + local + " has " + size + " bytes but manifest.json says "
                        + f.size() + "; re-convert the bundle");
            }
        }
    }

    private static List<String> cat(String command, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(command);
        argv.addAll(args);
        return argv;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
