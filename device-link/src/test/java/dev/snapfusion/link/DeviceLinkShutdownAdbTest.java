package dev.snapfusion.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A studio stopped by a signal (the window manager's kill, Ctrl-C of `./studio generate`) never reaches close(). Its
 * virtual device must still leave the adb server's list, or every later `adb devices` shows it offline.
 */
@Tag("adb")
class DeviceLinkShutdownAdbTest {
    private static final Pattern VIRTUAL = Pattern.compile("(127\\.0\\.0\\.1:\\d+)\\s+device");

    @TempDir
    Path tmp;

    @Test
    void killedJvm_virtualDeviceLeavesTheServersList() throws Exception {
        Optional<Path> adb = AdbTestServer.findAdb();
        assumeTrue(adb.isPresent(), "adb not installed");
        try (AdbTestServer server = AdbTestServer.start(adb.get(), tmp.resolve("home"))) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                    HoldVirtualDeviceMain.class.getName(), tmp.resolve("studio").toString(),
                    Integer.toString(server.port), adb.get().toString(), server.androidUserDir().toString()))
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                StringBuilder seen = new StringBuilder();
                for (String line; (line = out.readLine()) != null && !line.equals("READY"); ) seen.append(line).append('\n');
                assertThat(child.isAlive()).as("child output:\n" + seen).isTrue();
                Matcher m = VIRTUAL.matcher(server.run("devices"));
                assertThat(m.find()).as("the virtual device is online at the server").isTrue();
                String address = m.group(1);

                child.destroy();   // SIGTERM: shutdown hooks run, close() does not
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();

                String devices = server.run("devices");
                for (int i = 0; i < 50 && devices.contains(address); i++) {
                    Thread.sleep(100);
                    devices = server.run("devices");
                }
                assertThat(devices).as("adb devices after the studio was killed").doesNotContain(address);
            } finally {
                child.destroyForcibly();
            }
        }
    }
}
