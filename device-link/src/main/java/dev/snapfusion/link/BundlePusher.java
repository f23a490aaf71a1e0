package dev.snapfusion.link;

import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.FileEntry;
import dev.snapfusion.runner.bundle.ManifestCodec;
import java.io.IOException;
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
 * PushReport r = new BundlePusher().push(device, Path.of("out/snapfusion-int8"), p ->
 *         System.out.printf("%s %.1f MB/s ETA %ss%n", p.file(), p.megabytesPerSecond(), p.eta().toSeconds()));
 * }</pre>
 * Files already on the device with the manifest's sha256 are skipped (one {@code sha256sum} call for
 * all of them). Each pushed file lands under a ".part" name and is renamed only after its device
 * sha256 matches. manifest.json is written last, so a bundle counts as present only once it is
 * complete; an old manifest is removed before any file changes. Stateless; thread-safe.
 */
public final class BundlePusher {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String PART = ".part";

    public PushReport push(Device d, Path bundleDir, PushListener listener) {
        Path manifestFile = bundleDir.resolve(BundleManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException(bundleDir + " is not a bundle: it has no " + BundleManifest.FILE_NAME);
        }
        BundleManifest m = ManifestCodec.read(manifestFile);
        checkLayout(m, bundleDir);
        byte[] manifestBytes = read(manifestFile);
        String dir = DevicePaths.BUNDLES_DIR + "/" + m.id();
        ProgressMeter meter;

        mkdirs(d, dir, m.files());
        List<String> remote = new ArrayList<>();
        m.files().forEach(f -> remote.add(dir + "/" + f.path()));
        remote.add(dir + "/" + BundleManifest.FILE_NAME);
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
        String manifestPath = dir + "/" + BundleManifest.FILE_NAME;
        boolean manifestSame = Sha256.of(manifestBytes).equals(onDevice.getOrDefault(manifestPath, ""));
        long total = toPush.stream().mapToLong(FileEntry::size).sum();
        meter = new ProgressMeter(total, System::nanoTime);
        if (!toPush.isEmpty() && onDevice.containsKey(manifestPath)) {
            // The bundle is about to change: it must not look complete while it does.
            expectOk(d, List.of("rm", "-f", manifestPath), "remove the old manifest");
            manifestSame = false;
        }

        List<String> pushed = new ArrayList<>();
        for (FileEntry f : toPush) {
            String part = dir + "/" + f.path() + PART;
            d.push(bundleDir.resolve(f.path()), part,
                    (done, size) -> listener.onProgress(meter.progress(f.path(), done, size)));
            meter.fileDone(f.size());
        }
        if (!toPush.isEmpty()) verifyAndRename(d, dir, bundleDir, toPush, listener);
        toPush.forEach(f -> pushed.add(f.path()));
        if (!manifestSame) {
            d.pushBytes(manifestBytes, manifestPath);
            pushed.add(BundleManifest.FILE_NAME);
        } else {
            skipped.add(BundleManifest.FILE_NAME);
        }
        return new PushReport(m.id(), dir, pushed, skipped, total, skippedBytes, meter.seconds());
    }

    private static void verifyAndRename(Device d, String dir, Path bundleDir, List<FileEntry> files, PushListener l) {
        List<String> parts = files.stream().map(f -> dir + "/" + f.path() + PART).toList();
        Map<String, String> sums = Sha256.parseSums(d.shell(cat("sha256sum", parts)).stdout());
        for (FileEntry f : files) {
            String part = dir + "/" + f.path() + PART;
            String got = sums.getOrDefault(part, "");
            if (!f.sha256().equalsIgnoreCase(got)) {
                d.shell(List.of("rm", "-f", part));
                String local = Sha256.of(bundleDir.resolve(f.path()));
                if (!local.equalsIgnoreCase(f.sha256())) {
                    throw new IllegalArgumentException("bundle file " + bundleDir.resolve(f.path()) + " has sha256 "
                            + local + " but manifest.json says " + f.sha256() + "; re-convert the bundle");
                }
                throw new TransferException("device copy of " + f.path() + " has sha256 '" + got + "', expected "
                        + f.sha256() + " (on " + d.serial() + "); push again", null, true);
            }
            expectOk(d, List.of("mv", part, dir + "/" + f.path()), "rename " + part);
            l.onVerified(f.path());
        }
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
