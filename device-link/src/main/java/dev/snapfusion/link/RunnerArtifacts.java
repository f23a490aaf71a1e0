package dev.snapfusion.link;

import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.RunnerMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The Android runner this build ships for real phones: {@code runner.jar} (classes.dex + class files, made by D8 in
 * device-runner) and the TFLite 2.16.1 {@code libtensorflowlite_jni.so} for arm64-v8a, carried as classpath resources
 * under {@code dev/snapfusion/link/runner/}. Both go to {@link #deviceDir()}, one folder per runner version; push them
 * when the device's sha256 differs from {@link #jarSha256()} / {@link #jniSha256()}. Immutable, thread-safe.
 *
 * <pre>{@code
 * RunnerArtifacts a = RunnerArtifacts.bundled().orElseThrow();
 * Path jar = a.extractJar(cacheDir);   // then push to a.deviceJar() unless the device already has a.jarSha256()
 * }</pre>
 */
public final class RunnerArtifacts {
    static final String RESOURCE_DIR = "/dev/snapfusion/link/runner/";
    static final String JAR_RESOURCE = RESOURCE_DIR + "runner.jar";
    static final String JNI_RESOURCE = RESOURCE_DIR + "arm64-v8a/libtensorflowlite_jni.so";
    public static final String ABI = "arm64-v8a";

    private final String jarSha256;
    private final String jniSha256;

    private RunnerArtifacts(String jarSha256, String jniSha256) {
        this.jarSha256 = jarSha256;
        this.jniSha256 = jniSha256;
    }

    /** The artifacts on this classpath, or empty when this build was made without device-runner's Android step. */
    public static Optional<RunnerArtifacts> bundled() {
        if (RunnerArtifacts.class.getResource(JAR_RESOURCE) == null || RunnerArtifacts.class.getResource(JNI_RESOURCE) == null) {
            return Optional.empty();
        }
        return Optional.of(new RunnerArtifacts(sha256(JAR_RESOURCE), sha256(JNI_RESOURCE)));
    }

    public String version() {
        return RunnerMain.VERSION;
    }

    public String jarSha256() {
        return jarSha256;
    }

    public String jniSha256() {
        return jniSha256;
    }

    /** Device folder of this runner version: {@code /data/local/tmp/snapfusion/runner/<version>}. */
    public String deviceDir() {
        return DevicePaths.RUNNER_DIR + "/" + RunnerMain.VERSION;
    }

    public String deviceJar() {
        return deviceDir() + "/runner.jar";
    }

    public String deviceJni() {
        return deviceDir() + "/libtensorflowlite_jni.so";
    }

    /**
     * The device command (argv) that starts the runner on a phone; run it with the shell in {@code deviceDir()}.
     * LD_LIBRARY_PATH lets the runner find the pushed libtensorflowlite_jni.so (docs/runner-protocol.md).
     */
    public List<String> launchCommand(String requestDevicePath) {
        return List.of("CLASSPATH=" + deviceJar(), "LD_LIBRARY_PATH=" + deviceDir(), "app_process", deviceDir(),
                RunnerMain.class.getName(), "--request", requestDevicePath);
    }

    /** Copies runner.jar into {@code dir} (atomically, once per content) and returns its path. */
    public Path extractJar(Path dir) {
        return extract(JAR_RESOURCE, dir.resolve("runner-" + RunnerMain.VERSION + "-" + jarSha256.substring(0, 12) + ".jar"));
    }

    /** Copies libtensorflowlite_jni.so into {@code dir} and returns its path. */
    public Path extractJni(Path dir) {
        return extract(JNI_RESOURCE, dir.resolve(ABI + "-" + jniSha256.substring(0, 12) + "-libtensorflowlite_jni.so"));
    }

    private static Path extract(String resource, Path target) {
        try {
            if (Files.isRegularFile(target)) return target;
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
            try (InputStream in = open(resource)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the Android runner to " + target + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = RunnerArtifacts.class.getResourceAsStream(resource);
        if (in == null) throw new IOException("resource " + resource + " is missing");
        return in;
    }

    private static String sha256(String resource) {
        try (DigestInputStream in = new DigestInputStream(open(resource), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
