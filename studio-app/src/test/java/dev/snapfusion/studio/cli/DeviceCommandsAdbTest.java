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
class DeviceCommandsAdbTest extends StudioProcessHarness {

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
