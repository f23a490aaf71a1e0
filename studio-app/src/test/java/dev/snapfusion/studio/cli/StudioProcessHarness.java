package dev.snapfusion.studio.cli;

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
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code studio} in its own JVM, as the launcher does, against a private adb server (free port,
 * sandboxed HOME) that is killed after each test.
 */
abstract class StudioProcessHarness {
    static final Path ADB = Path.of("/usr/bin/adb");

    @TempDir
    Path tmp;
    int port;

    static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = s.getLocalPort();
                if (p < 5555 || p > 5585) return p;
            }
        }
    }

    record Result(int code, String out, String err) {
    }

    Result run(List<String> cmd) throws Exception {
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

    Result studio(String... args) throws Exception {
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
}
