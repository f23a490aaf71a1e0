package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dadb.AdbKeyPair;
import dadb.AdbShellResponse;
import dadb.Dadb;
import dadb.SyncResult;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.runner.protocol.RunnerEventReader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The virtual device through dadb's direct connection (its own ADB transport, version 0x01000000, checksums on). */
class VirtualDeviceDadbTest {
    @TempDir
    static Path tmp;
    static VirtualDevice device;
    static AdbKeyPair keys;

    @BeforeAll
    static void start() throws Exception {
        File priv = tmp.resolve("adbkey").toFile();
        File pub = tmp.resolve("adbkey.pub").toFile();
        AdbKeyPair.generate(priv, pub);
        keys = AdbKeyPair.read(priv, pub);
        device = VirtualDevice.start(new VirtualDeviceConfig(tmp.resolve("sandbox"), 0, List.of(Files.readString(pub.toPath())), null));
    }

    @AfterAll
    static void stop() {
        device.close();
    }

    private static Dadb connect() {
        return Dadb.create("127.0.0.1", device.port(), keys);
    }

    @Test
    void shell_exitCommand_returnsExitCode() throws Exception {
        try (Dadb d = connect()) {
            assertThat(d.shell("exit 3").getExitCode()).isEqualTo(3);
            assertThat(d.shell("true").getExitCode()).isZero();
            assertThat(d.shell("false").getExitCode()).isEqualTo(1);
        }
    }

    @Test
    void shell_echoAndGetprop_printOnStdout() throws Exception {
        try (Dadb d = connect()) {
            AdbShellResponse r = d.shell("echo 'hello world' \"and more\"");
            assertThat(r.getOutput()).isEqualTo("hello world and more\n");
            assertThat(r.getExitCode()).isZero();
            assertThat(d.shell("getprop ro.product.model").getOutput()).isEqualTo("SnapFusion Virtual Device (host CPU)\n");
            assertThat(d.shell("getprop ro.kernel.qemu").getOutput()).isEqualTo("\n");
        }
    }

    @Test
    void shell_metacharacters_refusedWithoutRunningAnything() throws Exception {
        try (Dadb d = connect()) {
            AdbShellResponse r = d.shell("echo hi; touch /data/local/tmp/pwned");
            assertThat(r.getExitCode()).isEqualTo(127);
            assertThat(r.getErrorOutput()).startsWith("virtual device: not allowed:");
            assertThat(r.getOutput()).isEmpty();
            assertThat(device.sandboxDir().resolve("data/local/tmp/pwned")).doesNotExist();
        }
    }

    @Test
    void pushPull_8MiBRandom_bytesIdentical() throws Exception {
        byte[] data = new byte[8 * 1024 * 1024 + 123];
        new Random(42).nextBytes(data);
        Path src = tmp.resolve("big.bin");
        Files.write(src, data);
        Path back = tmp.resolve("big.back");
        try (Dadb d = connect()) {
            SyncResult push = d.push(src.toFile(), "/data/local/tmp/dadb/big.bin", 0644, 1_700_000_000_000L);
            assertThat(push).isInstanceOf(SyncResult.Success.class);
            Path onDevice = device.sandboxDir().resolve("data/local/tmp/dadb/big.bin");
            assertThat(Files.getLastModifiedTime(onDevice).toMillis()).isEqualTo(1_700_000_000_000L);
            SyncResult pull = d.pull(back.toFile(), "/data/local/tmp/dadb/big.bin");
            assertThat(pull).as(pull.toString()).isInstanceOf(SyncResult.Success.class);
            assertThat(d.shell("stat -c %s /data/local/tmp/dadb/big.bin").getOutput()).isEqualTo(data.length + "\n");
        }
        assertThat(Files.readAllBytes(back)).isEqualTo(data);
    }

    @Test
    void push_outsideSandbox_fails() throws Exception {
        Path src = tmp.resolve("small.bin");
        Files.writeString(src, "x");
        try (Dadb d = connect()) {
            SyncResult r = d.push(src.toFile(), "/data/local/tmp/../evil.bin", 0644, 0);
            assertThat(r).isInstanceOf(SyncResult.Failure.class);
            assertThat(((SyncResult.Failure) r).getReason()).contains("not allowed outside /data/local/tmp");
        }
        assertThat(device.sandboxDir().resolve("data/local/evil.bin")).doesNotExist();
    }

    @Test
    void connect_unauthorizedKey_refused() throws Exception {
        File priv = tmp.resolve("other").toFile();
        File pub = tmp.resolve("other.pub").toFile();
        AdbKeyPair.generate(priv, pub);
        AdbKeyPair stranger = AdbKeyPair.read(priv, pub);
        assertThatThrownBy(() -> {
            try (Dadb d = Dadb.create("127.0.0.1", device.port(), stranger)) {
                d.shell("mkdir -p /data/local/tmp/stranger");
            }
        }).isInstanceOf(Exception.class);
        assertThat(device.sandboxDir().resolve("data/local/tmp/stranger")).doesNotExist();
    }

    @Test
    void runner_missingRequest_printsErrorEventAndFails() throws Exception {
        try (Dadb d = connect()) {
            AdbShellResponse r = d.shell("CLASSPATH=/data/local/tmp/snapfusion/runner/runner.jar app_process / "
                    + "dev.snapfusion.runner.RunnerMain --request /data/local/tmp/snapfusion/runs/nope/request.json");
            assertThat(r.getExitCode()).as(r.getAllOutput()).isNotZero();
            String first = r.getOutput().lines().findFirst().orElseThrow();
            assertThat(RunnerEventReader.parse(first)).isInstanceOf(RunnerEvent.Error.class);
        }
    }
}
