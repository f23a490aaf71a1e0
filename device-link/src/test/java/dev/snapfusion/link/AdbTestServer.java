package dev.snapfusion.link;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real adb server on a private port with its own HOME, so its adbkey is sandboxed and nothing
 * touches the developer's ~/.android. Ports come from the OS's ephemeral range, far from the
 * 5555-5585 emulator scan.
 */
final class AdbTestServer implements AutoCloseable {
    final Path adb;
    final Path home;
    final int port;

    private AdbTestServer(Path adb, Path home, int port) {
        this.adb = adb;
        this.home = home;
        this.port = port;
    }

    static Optional<Path> findAdb() {
        return AdbLocator.find(Optional.empty(), System.getenv());
    }

    static AdbTestServer start(Path adb, Path home) throws IOException, InterruptedException {
        int port;
        do {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
        } while (port >= 5555 && port <= 5585);
        Files.createDirectories(home);
        AdbTestServer server = new AdbTestServer(adb, home, port);
        server.run("start-server");
        AdbServerClient c = new AdbServerClient("127.0.0.1", port);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.reachable()) {
            if (System.nanoTime() > deadline) throw new IOException("adb server on " + port + " did not come up");
            Thread.sleep(100);
        }
        return server;
    }

    Path androidUserDir() {
        return home.resolve(".android");
    }

    String run(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 3];
        cmd[0] = adb.toString();
        cmd[1] = "-P";
        cmd[2] = Integer.toString(port);
        System.arraycopy(args, 0, cmd, 3, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.remove("ADB_VENDOR_KEYS");
        env.remove("ANDROID_SDK_HOME");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("kill-server");
    }
}
