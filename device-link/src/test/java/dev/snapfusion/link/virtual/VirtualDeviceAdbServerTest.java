package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dadb.Dadb;
import dadb.SyncResult;
import dadb.adbserver.AdbServer;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.runner.protocol.RunnerEventReader;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The virtual device behind a private real adb server (Debian adb 29), exactly as a phone on Wi-Fi would be. */
@Tag("adb")
class VirtualDeviceAdbServerTest {
    @TempDir
    static Path tmp;
    static Path home;
    static int serverPort;
    static VirtualDevice device;
    static String serial;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        serverPort = freePort();
        assertThat(adb("start-server").code).isZero();
        Path pub = home.resolve(".android/adbkey.pub");
        assertThat(pub).exists();
        device = VirtualDevice.start(new VirtualDeviceConfig(tmp.resolve("sandbox"), 0, List.of(Files.readString(pub)), null));
        serial = device.address();
        adb("connect", serial);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String state = "";
        while (System.nanoTime() < deadline) {
            state = adb("devices").out;
            if (state.contains(serial + "\tdevice")) break;
            if (!state.contains(serial)) adb("connect", serial);
            Thread.sleep(200);
        }
        assertThat(state).contains(serial + "\tdevice");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            adb("kill-server");
        } finally {
            if (device != null) device.close();
        }
    }

    @Test
    void adbKey_encodeOfParsed_sameAsAdbWrote() throws Exception {
        String line = Files.readString(home.resolve(".android/adbkey.pub")).strip();
        String[] parts = line.split(" ", 2);
        assertThat(AdbPublicKeys.encode(AdbPublicKeys.parse(line), parts.length > 1 ? parts[1] : null)).isEqualTo(line);
    }

    @Test
    void shell_runnerWithMissingRequest_errorEventAndNonZeroExit() throws Exception {
        Result r = adb("-s", serial, "shell", "CLASSPATH=/data/local/tmp/snapfusion/runner/runner.jar app_process / "
                + "dev.snapfusion.runner.RunnerMain --request /data/local/tmp/snapfusion/runs/missing/request.json");
        assertThat(r.code).as(r.err).isNotZero();
        assertThat(RunnerEventReader.parse(r.out.lines().findFirst().orElseThrow())).isInstanceOf(RunnerEvent.Error.class);
    }

    @Test
    void shell_exit3_adbReturns3() throws Exception {
        Result r = adb("-s", serial, "shell", "exit 3");
        assertThat(r.code).as(r.err).isEqualTo(3);
    }

    @Test
    void shell_stdoutAndStderr_separated() throws Exception {
        Result r = adb("-s", serial, "shell", "echo hi; rm -rf /");
        assertThat(r.code).isEqualTo(127);
        assertThat(r.out).isEmpty();
        assertThat(r.err).contains("virtual device: not allowed");
        Result ok = adb("-s", serial, "shell", "getprop ro.build.version.sdk");
        assertThat(ok.code).isZero();
        assertThat(ok.out).isEqualTo("34\n");
    }

    @Test
    void pushPull_8MiB_bytesIdentical() throws Exception {
        byte[] data = randomBytes(8 * 1024 * 1024 + 7, 7);
        Path src = tmp.resolve("cli.bin");
        Files.write(src, data);
        Result push = adb("-s", serial, "push", src.toString(), "/data/local/tmp/cli/cli.bin");
        assertThat(push.code).as(push.err + push.out).isZero();
        Path back = tmp.resolve("cli.back");
        Result pull = adb("-s", serial, "pull", "/data/local/tmp/cli/cli.bin", back.toString());
        assertThat(pull.code).as(pull.err + pull.out).isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(data);
    }

    @Test
    void push_toDirectory_appendsFileName() throws Exception {
        Path src = tmp.resolve("named.txt");
        Files.writeString(src, "named");
        adb("-s", serial, "shell", "mkdir -p /data/local/tmp/dir");
        Result push = adb("-s", serial, "push", src.toString(), "/data/local/tmp/dir/");
        assertThat(push.code).as(push.err + push.out).isZero();
        assertThat(device.sandboxDir().resolve("data/local/tmp/dir/named.txt")).hasContent("named");
    }

    @Test
    void pushPull_directoryTree_sameFiles() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree/sub/deeper"));
        Files.writeString(tmp.resolve("tree/top.txt"), "top");
        Files.write(tree.resolve("leaf.bin"), randomBytes(100_000, 11));
        Result push = adb("-s", serial, "push", tmp.resolve("tree").toString(), "/data/local/tmp/");
        assertThat(push.code).as(push.err + push.out).isZero();
        assertThat(device.sandboxDir().resolve("data/local/tmp/tree/sub/deeper/leaf.bin")).hasSize(100_000);
        Path back = Files.createDirectories(tmp.resolve("treeback"));
        Result pull = adb("-s", serial, "pull", "/data/local/tmp/tree", back.toString());
        assertThat(pull.code).as(pull.err + pull.out).isZero();
        assertThat(back.resolve("tree/top.txt")).hasContent("top");
        assertThat(Files.readAllBytes(back.resolve("tree/sub/deeper/leaf.bin"))).isEqualTo(randomBytes(100_000, 11));
    }

    @Test
    void pull_outsideSandbox_fails() throws Exception {
        Result pull = adb("-s", serial, "pull", "/etc/passwd", tmp.resolve("passwd").toString());
        assertThat(pull.code).isNotZero();
        assertThat(tmp.resolve("passwd")).doesNotExist();
    }

    @Test
    void dadbThroughServer_pushPull_bytesIdentical() throws Exception {
        byte[] data = randomBytes(8 * 1024 * 1024 + 3, 3);
        Path src = tmp.resolve("srv.bin");
        Files.write(src, data);
        Path back = tmp.resolve("srv.back");
        try (Dadb d = AdbServer.createDadb("localhost", serverPort, "host:transport:" + serial)) {
            assertThat(d.push(src.toFile(), "/data/local/tmp/srv/srv.bin", 0644, System.currentTimeMillis()))
                    .isInstanceOf(SyncResult.Success.class);
            assertThat(d.pull(back.toFile(), "/data/local/tmp/srv/srv.bin")).isInstanceOf(SyncResult.Success.class);
            assertThat(d.shell("exit 5").getExitCode()).isEqualTo(5);
        }
        assertThat(Files.readAllBytes(back)).isEqualTo(data);
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                int p = s.getLocalPort();
                if (p < 5555 || p > 5585) return p;
            }
        }
    }

    record Result(int code, String out, String err) {
    }

    static Result adb(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("adb", "-P", String.valueOf(serverPort)));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("ANDROID_") || k.startsWith("ADB_"));
        env.put("HOME", home.toString());
        Path out = Files.createTempFile(tmp, "adb", ".out");
        Path err = Files.createTempFile(tmp, "adb", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("adb " + String.join(" ", args) + " timed out");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
