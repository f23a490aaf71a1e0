package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dadb.AdbKeyPair;
import dadb.AdbShellPacket;
import dadb.AdbShellResponse;
import dadb.AdbShellStream;
import dadb.Dadb;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner launch path with a stand-in runner compiled at test time (same class name, on its own classpath), so
 * live output, stdin, exit codes and killing can be observed; the real RunnerMain is covered in VirtualDeviceDadbTest.
 */
class RunnerLauncherTest {
    private static final String LAUNCH = "CLASSPATH=/data/local/tmp/snapfusion/runner/runner.jar LD_LIBRARY_PATH=/data/local/tmp/snapfusion/runner "
            + "app_process / dev.snapfusion.runner.RunnerMain ";
    private static final String FAKE_RUNNER = """
            package dev.snapfusion.runner;
            public final class RunnerMain {
                public static void main(String[] a) throws Exception {
                    System.out.println("pid " + ProcessHandle.current().pid());
                    System.out.flush();
                    System.err.println("root " + System.getenv("SNAPFUSION_SYSROOT"));
                    System.err.flush();
                    if (a.length > 0 && a[0].equals("--echo-stdin")) {
                        System.in.transferTo(System.out);
                        System.out.flush();
                        System.exit(7);
                    }
                    Thread.sleep(120_000);
                }
            }
            """;

    @TempDir
    static Path tmp;
    static VirtualDevice device;
    static AdbKeyPair keys;

    @BeforeAll
    static void start() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/dev/snapfusion/runner")).resolve("RunnerMain.java");
        Files.writeString(src, FAKE_RUNNER);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", classes.toString(), src.toString())).isZero();
        File priv = tmp.resolve("adbkey").toFile();
        File pub = tmp.resolve("adbkey.pub").toFile();
        AdbKeyPair.generate(priv, pub);
        keys = AdbKeyPair.read(priv, pub);
        device = VirtualDevice.start(new VirtualDeviceConfig(tmp.resolve("sandbox"), 0, List.of(Files.readString(pub.toPath())),
                classes.toString()));
    }

    @AfterAll
    static void stop() {
        device.close();
    }

    private static long readPid(AdbShellStream shell, StringBuilder stderr) throws Exception {
        while (true) {
            AdbShellPacket p = shell.read();
            String s = new String(p.getPayload(), StandardCharsets.UTF_8);
            if (p instanceof AdbShellPacket.StdError) stderr.append(s);
            if (p instanceof AdbShellPacket.StdOut) return Long.parseLong(s.strip().substring(4));
        }
    }

    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive()) return true;
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void launch_outputIsLiveAndStreamCloseKillsChild() throws Exception {
        try (Dadb d = Dadb.create("127.0.0.1", device.port(), keys)) {
            long pid;
            try (AdbShellStream shell = d.openShell(LAUNCH + "--request /data/local/tmp/r.json")) {
                pid = readPid(shell, new StringBuilder()); // arrives while the child still sleeps
                assertThat(ProcessHandle.of(pid)).isPresent();
                assertThat(ProcessHandle.of(pid).get().isAlive()).isTrue();
            }
            assertThat(gone(pid)).as("runner %d killed after the stream closed", pid).isTrue();
        }
    }

    @Test
    void launch_stdinForwardedAndExitCodeReturned() throws Exception {
        try (Dadb d = Dadb.create("127.0.0.1", device.port(), keys)) {
            try (AdbShellStream shell = d.openShell(LAUNCH + "--echo-stdin")) {
                shell.write(0, "from host\n".getBytes(StandardCharsets.UTF_8));
                shell.write(4, new byte[0]);
                AdbShellResponse r = shell.readAll();
                assertThat(r.getExitCode()).isEqualTo(7);
                assertThat(r.getOutput()).matches("pid \\d+\nfrom host\n");
                assertThat(r.getErrorOutput()).isEqualTo("root " + device.sandboxDir() + "\n");
            }
        }
    }

    @Test
    void kill_ownRunner_endsItWithSignalExit() throws Exception {
        try (Dadb d = Dadb.create("127.0.0.1", device.port(), keys)) {
            try (AdbShellStream shell = d.openShell(LAUNCH + "--request /data/local/tmp/r.json")) {
                long pid = readPid(shell, new StringBuilder());
                AdbShellResponse k = d.shell("kill -9 " + pid);
                assertThat(k.getExitCode()).as(k.getErrorOutput()).isZero();
                AdbShellResponse r = shell.readAll();
                assertThat(r.getExitCode() & 0xff).isEqualTo(137); // dadb reads the exit byte signed: -119
                assertThat(gone(pid)).isTrue();
            }
        }
    }

    @Test
    void close_killsRunningChildren() throws Exception {
        Path pub = tmp.resolve("adbkey.pub");
        VirtualDevice other = VirtualDevice.start(new VirtualDeviceConfig(tmp.resolve("sandbox2"), 0, List.of(Files.readString(pub)),
                tmp.resolve("classes").toString()));
        long pid;
        try (Dadb d = Dadb.create("127.0.0.1", other.port(), keys)) {
            AdbShellStream shell = d.openShell(LAUNCH + "--request /data/local/tmp/r.json");
            pid = readPid(shell, new StringBuilder());
            other.close();
        }
        assertThat(gone(pid)).isTrue();
    }

    @Test
    void launch_classpathOutsideSandbox_refused() throws Exception {
        try (Dadb d = Dadb.create("127.0.0.1", device.port(), keys)) {
            AdbShellResponse r = d.shell("CLASSPATH=/system/framework/evil.jar app_process / dev.snapfusion.runner.RunnerMain --version");
            assertThat(r.getExitCode()).isEqualTo(1);
            assertThat(r.getErrorOutput()).contains("not allowed outside /data/local/tmp: /system/framework/evil.jar");
            assertThat(r.getOutput()).isEmpty();
        }
    }
}
