package dev.snapfusion.studio.job;

import dev.snapfusion.link.LinkOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Debian's adb server on a free port with a sandboxed HOME (so its adbkey is the test's own). */
final class PrivateAdbServer implements AutoCloseable {
    final Path adb = Path.of("/usr/bin/adb");
    final Path home;
    final int port;

    PrivateAdbServer(Path home) throws IOException, InterruptedException {
        this.home = Files.createDirectories(home);
        int p;
        do {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                p = s.getLocalPort();
            }
        } while (p >= 5555 && p <= 5585); // the server scans these for emulators
        port = p;
        if (!Files.isExecutable(adb)) throw new IllegalStateException("tests need Debian's adb: apt-get install adb");
        adb("start-server");
        for (int i = 0; i < 200; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("adb server on " + port + " did not come up");
    }

    Path androidUserDir() {
        return home.resolve(".android");
    }

    /** A studio on the workspace folder {@code root} (created if missing) whose device link goes through this server. */
    Studio studio(Path root) throws IOException {
        Workspace ws = new Workspace(root).create();
        return new Studio(ws, new LinkOptions(ws.root(), port, Optional.of(adb), List.of(), androidUserDir()));
    }

    String adb(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 3];
        cmd[0] = adb.toString();
        cmd[1] = "-P";
        cmd[2] = Integer.toString(port);
        System.arraycopy(args, 0, cmd, 3, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes());
        if (!proc.waitFor(30, TimeUnit.SECONDS)) proc.destroyForcibly();
        return out;
    }

    @Override
    public void close() throws Exception {
        adb("kill-server");
    }
}
