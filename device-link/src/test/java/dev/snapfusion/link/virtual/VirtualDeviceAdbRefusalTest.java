package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real adb server whose key the virtual device does not accept gets nothing: no shell, no files. */
@Tag("adb")
class VirtualDeviceAdbRefusalTest {
    @TempDir
    Path tmp;
    private Path home;
    private int port;

    @Test
    void adbConnect_serverKeyNotAuthorized_unauthorizedAndNoShell() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        adb("start-server");
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            String otherKey = AdbPublicKeys.encode((RSAPublicKey) g.generateKeyPair().getPublic(), "someone@else");
            assertThat(otherKey).isNotEqualTo(Files.readString(home.resolve(".android/adbkey.pub")).trim());
            try (VirtualDevice device = VirtualDevice.start(new VirtualDeviceConfig(tmp.resolve("sandbox"), 0, List.of(otherKey), null))) {
                String serial = device.address();
                String devices = "";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < deadline) {
                    adb("connect", serial);
                    devices = adb("devices");
                    if (devices.contains(serial + "\tunauthorized") || devices.contains(serial + "\toffline")) break;
                    Thread.sleep(300);
                }
                assertThat(devices).doesNotContain(serial + "\tdevice");
                String shell = adb("-s", serial, "shell", "echo", "reached");
                assertThat(shell).doesNotContain("reached");
                Files.writeString(tmp.resolve("f.txt"), "payload");
                adb("-s", serial, "push", tmp.resolve("f.txt").toString(), "/data/local/tmp/f.txt");
                assertThat(tmp.resolve("sandbox/data/local/tmp/f.txt")).doesNotExist();
            }
        } finally {
            adb("kill-server");
        }
    }

    private String adb(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "/usr/bin/adb";
        cmd[1] = "-P";
        cmd[2] = Integer.toString(port);
        System.arraycopy(args, 0, cmd, 3, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        return out;
    }
}
