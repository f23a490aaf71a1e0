package dev.snapfusion.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.link.virtual.VirtualDevice;
import dev.snapfusion.link.virtual.VirtualDeviceConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code studio push} to two devices at once, {@code studio ls} and {@code studio clean}, each in its own
 * JVM as the launcher runs it, through Debian's real adb server (private port, sandboxed HOME): the
 * studio's virtual device plus a second virtual device that the server reaches like a Wi-Fi phone.
 */
@Tag("adb")
class DeviceCommandsAdbTest {
    private static final Path ADB = Path.of("/usr/bin/adb");

    @TempDir
    Path tmp;
    private int port;

    private static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = s.getLocalPort();
                if (p < 5555 || p > 5585) return p;
            }
        }
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("ANDROID_") || k.startsWith("ADB_") || k.equals("SNAPFUSION_HOME"));
        env.put("HOME", tmp.resolve("home").toString());
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Result studio(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.snapfusion.studio.StudioMain",
                "--workspace", tmp.resolve("ws").toString(), "--adb-port", Integer.toString(port), "--adb", ADB.toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    @AfterEach
    void killServer() throws Exception {
        if (port != 0) run(List.of(ADB.toString(), "-P", Integer.toString(port), "kill-server"));
    }

    @Test
    void pushLsClean_twoDevices_bundleOnBothThenListedThenGone() throws Exception {
        assumeTrue(Files.isExecutable(ADB), "adb not installed");
        Files.createDirectories(tmp.resolve("home"));
        port = freePort();
        assertThat(run(List.of(ADB.toString(), "-P", Integer.toString(port), "start-server")).code()).isZero();
        String serverKey = Files.readString(tmp.resolve("home/.android/adbkey.pub")).strip();
        Path bundle = tmp.resolve("sf");
        BundleConverter.convert("demo:snapfusion", Quantization.FP32, bundle, ConvertListener.NONE);
        String id = dev.snapfusion.runner.bundle.ManifestCodec.read(bundle.resolve("manifest.json")).id();
        try (VirtualDevice phone = VirtualDevice.start(new VirtualDeviceConfig(tmp.resolve("phone"), 0, List.of(serverKey),
                null))) {
            String serial = phone.address();
            run(List.of(ADB.toString(), "-P", Integer.toString(port), "connect", serial));
            Result state = null;
            for (int i = 0; i < 100; i++) {
                state = run(List.of(ADB.toString(), "-P", Integer.toString(port), "devices"));
                if (state.out().contains(serial + "\tdevice")) break;
                Thread.sleep(200);
            }
            assertThat(state.out()).contains(serial + "\tdevice");

            Result push = studio("push", bundle.toString(), "--device", "virtual", "--device", serial);
            assertThat(push.code()).as(push.err()).isZero();
            assertThat(push.out()).contains("virtual: bundle " + id).contains(serial + ": bundle " + id);
            assertThat(push.err()).contains(serial).contains("100%");
            Path onPhone = phone.sandboxDir().resolve("data/local/tmp/snapfusion/bundles/" + id);
            assertThat(onPhone.resolve("manifest.json")).hasSameBinaryContentAs(bundle.resolve("manifest.json"));
            assertThat(tmp.resolve("ws/virtual-device/data/local/tmp/snapfusion/bundles/" + id + "/manifest.json"))
                    .hasSameBinaryContentAs(bundle.resolve("manifest.json"));

            Result ls = studio("ls", "--device", serial);
            assertThat(ls.code()).as(ls.err()).isZero();
            assertThat(ls.out()).contains("RAM").contains("free in the work dir").containsPattern("bundle +" + id + " +[0-9.]+ MB +verified");

            Result clean = studio("clean", "--device", serial, "--bundle", id);
            assertThat(clean.code()).as(clean.err()).isZero();
            assertThat(onPhone).doesNotExist();
            Result bad = studio("clean", "--device", serial, "--bundle", id);
            assertThat(bad.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
            assertThat(bad.err()).contains("no bundle '" + id + "'").doesNotContain("Exception");
        }
    }
}
