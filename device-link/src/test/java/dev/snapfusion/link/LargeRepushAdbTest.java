package dev.snapfusion.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1.7 GB bundle (sparse files, made in no time) pushed once, then again unchanged: the second push is
 * one shell call, nothing sent, no desktop hashing. A benchmark in disguise: it prints both times and
 * asserts only the call counts. Tagged {@code large}: {@code ./mvnw -pl device-link test -Dtest=LargeRepushAdbTest
 * -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("adb")
@Tag("large")
class LargeRepushAdbTest {
    @TempDir
    Path tmp;

    private static void sparse(Path f, long size) throws Exception {
        Files.createDirectories(f.getParent());
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(size);
            r.seek(size / 2);
            r.write(f.getFileName().toString().getBytes()); // not all zeros: files differ
        }
    }

    @Test
    void repush_unchanged1_7GBBundle_oneCallNoHashing() throws Exception {
        Optional<Path> adb = AdbTestServer.findAdb();
        assumeTrue(adb.isPresent(), "adb not installed");
        Path bundle = tmp.resolve("bundle");
        sparse(bundle.resolve("unet.tflite"), 1_600_000_000L);
        sparse(bundle.resolve("text_encoder.tflite"), 80_000_000L);
        sparse(bundle.resolve("vae_decoder.tflite"), 20_000_000L);
        TestBundles.writeManifest(bundle, "large-bundle", List.of("text_encoder.tflite", "unet.tflite", "vae_decoder.tflite"));
        try (AdbTestServer server = AdbTestServer.start(adb.get(), tmp.resolve("home"));
             DeviceLink link = DeviceLink.open(new LinkOptions(tmp.resolve("studio"), server.port, adb, List.of(),
                     server.androidUserDir()))) {
            Device d = link.connect(DeviceLink.VIRTUAL_SERIAL);
            Path cacheFile = tmp.resolve("studio/cache/sha256.json");
            long t0 = System.nanoTime();
            PushReport first = new BundlePusher(HashCache.open(cacheFile)).push(d, bundle, PushListener.NONE);
            double firstS = (System.nanoTime() - t0) / 1e9;
            assertThat(first.bytesPushed()).isEqualTo(1_700_000_000L);

            CountingDevice counting = new CountingDevice(d);
            HashCache fresh = HashCache.open(cacheFile);
            long t1 = System.nanoTime();
            PushReport again = new BundlePusher(fresh).push(counting, bundle, PushListener.NONE);
            double againS = (System.nanoTime() - t1) / 1e9;
            assertThat(again.pushed()).isEmpty();
            assertThat(counting.shells.get()).isEqualTo(1);
            assertThat(counting.pushes.get()).isZero();
            assertThat(fresh.misses()).isZero();
            System.out.printf("BENCH 1.7 GB bundle: first push %.1f s (%.0f MB/s incl. hashing), unchanged re-push %.0f ms%n",
                    firstS, 1700 / firstS, againS * 1000);
        }
    }
}
