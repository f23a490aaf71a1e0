package dev.snapfusion.studio.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.DeviceStorage;
import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.PushReport;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.studio.services.StudioServicesImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Devices page does, through the services the page calls, on the real path: Debian's adb server (private port,
 * sandboxed HOME) to the virtual device. Push a demo bundle, list it, cancel a push mid-way, push again, delete it.
 */
@Tag("adb")
class DevicePushAdbTest {
    @TempDir
    Path tmp;

    @Test
    void pushListCancelDelete_demoBundleOnTheVirtualDevice_followsThePage() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/adb")), "adb not installed");
        Path bundle = tmp.resolve("bundles/demo-snapfusion-fp32");
        BundleConverter.convert("demo:snapfusion", Quantization.FP32, bundle, ConvertListener.NONE);
        String id = ManifestCodec.read(bundle.resolve("manifest.json")).id();
        try (PrivateAdbServer server = new PrivateAdbServer(tmp.resolve("home"));
             Studio studio = server.studio(tmp.resolve("ws"))) {
            StudioServicesImpl services = new StudioServicesImpl(studio, "virtual");
            services.startVirtualDevice();
            DeviceInfo virtual = services.devices().devices().stream().filter(DeviceInfo::virtual).findFirst().orElseThrow();
            assertThat(virtual.online()).isTrue();

            AtomicLong lastBytes = new AtomicLong();
            PushReport first = services.pushBundle(virtual, bundle, p -> lastBytes.set(p.totalBytesDone()), () -> false);
            assertThat(first.pushed()).contains("manifest.json").hasSizeGreaterThan(3);
            assertThat(lastBytes.get()).isEqualTo(first.bytesPushed()).isPositive();

            List<DeviceStorage.Item> items = services.deviceContents(virtual);
            assertThat(items).singleElement().satisfies(i -> {
                assertThat(i.kind()).isEqualTo(DeviceStorage.Kind.BUNDLE);
                assertThat(i.id()).isEqualTo(id);
                assertThat(i.complete()).isTrue();
                assertThat(i.bytes()).isGreaterThanOrEqualTo(first.bytesPushed());
            });

            PushReport again = services.pushBundle(virtual, bundle, PushListener.NONE, () -> false);
            assertThat(again.pushed()).isEmpty();
            assertThat(again.skipped()).hasSize(first.pushed().size());

            // Cancel once the first chunk went out: the push stops inside the sync stream and nothing looks complete.
            services.deleteFromDevice(virtual, DeviceStorage.Kind.BUNDLE, id);
            AtomicLong seen = new AtomicLong();
            assertThatThrownBy(() -> services.pushBundle(virtual, bundle, p -> seen.incrementAndGet(), () -> seen.get() > 0))
                    .isInstanceOf(CancellationException.class).hasMessage("push to " + virtual.serial() + " cancelled");
            assertThat(seen.get()).isEqualTo(1);
            assertThat(services.deviceContents(virtual)).singleElement()
                    .satisfies(i -> assertThat(i.complete()).as("cut push is not verified").isFalse());

            PushReport resumed = services.pushBundle(virtual, bundle, PushListener.NONE, () -> false);
            assertThat(resumed.pushed()).contains("manifest.json");
            assertThat(services.deviceContents(virtual)).singleElement().satisfies(i -> assertThat(i.complete()).isTrue());
            Path onDevice = tmp.resolve("ws/virtual-device/data/local/tmp/snapfusion/bundles/" + id);
            try (var files = Files.list(onDevice)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("no partial file left by the cancelled push").noneMatch(n -> n.contains(".part") || n.contains(".vdev-"));
            }

            services.deleteFromDevice(virtual, DeviceStorage.Kind.BUNDLE, id);
            assertThat(services.deviceContents(virtual)).isEmpty();
            assertThat(onDevice).doesNotExist();
            assertThatThrownBy(() -> services.deleteFromDevice(virtual, DeviceStorage.Kind.BUNDLE, id))
                    .hasMessageContaining("no bundle '" + id + "'");
        }
    }
}
