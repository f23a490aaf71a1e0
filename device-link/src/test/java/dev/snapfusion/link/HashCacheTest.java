package dev.snapfusion.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCacheTest {
    @TempDir
    Path tmp;

    @Test
    void sha256_sameFileTwiceAndAfterReopen_hashesOnce() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.bin"), "hello");
        Path file = tmp.resolve("cache/sha256.json");
        HashCache c = HashCache.open(file);
        String sha = c.sha256(f);
        assertThat(sha).isEqualTo(Sha256.of("hello".getBytes()));
        assertThat(c.sha256(f)).isEqualTo(sha);
        assertThat(c.misses()).isEqualTo(1);
        HashCache reopened = HashCache.open(file);
        assertThat(reopened.sha256(f)).isEqualTo(sha);
        assertThat(reopened.misses()).isZero();
    }

    @Test
    void sha256_contentChangedSameSize_mtimeMissesAndRehashes() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.bin"), "hello");
        HashCache c = HashCache.open(tmp.resolve("c.json"));
        c.sha256(f);
        Files.writeString(f, "jello");
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5_000));
        assertThat(c.sha256(f)).isEqualTo(Sha256.of("jello".getBytes()));
        assertThat(c.misses()).isEqualTo(2);
    }

    @Test
    void open_corruptCacheFile_ignoredAndRewritten() throws Exception {
        Path file = Files.writeString(tmp.resolve("c.json"), "{not json");
        Path f = Files.writeString(tmp.resolve("a.bin"), "x");
        HashCache c = HashCache.open(file);
        assertThat(c.sha256(f)).isEqualTo(Sha256.of("x".getBytes()));
        assertThat(Files.readString(file)).contains(f.toAbsolutePath().toString());
    }

    @Test
    void none_neverRemembers() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.bin"), "x");
        HashCache c = HashCache.none();
        c.sha256(f);
        c.sha256(f);
        assertThat(c.misses()).isEqualTo(2);
    }

    @Test
    void storageParsers_duAndWcLines_toNumbers() {
        assertThat(DeviceStorage.du("1204\t/data/local/tmp/snapfusion/bundles/a\n8 /x/b\nbogus\n"))
                .containsEntry("/data/local/tmp/snapfusion/bundles/a", 1204L * 1024).containsEntry("/x/b", 8L * 1024)
                .hasSize(2);
        assertThat(DeviceStorage.wc("65 /m/.snapfusion-verified\n65 total\n")).containsEntry("/m/.snapfusion-verified", 65L);
    }

    @Test
    void pushProgress_fileEtaAndFractions() {
        PushProgress p = new PushProgress("f", 50_000_000, 100_000_000, 150_000_000, 400_000_000, 100.0,
                java.time.Duration.ofMillis(2_500));
        assertThat(p.fileEta()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(p.fileFraction()).isEqualTo(0.5);
        assertThat(p.totalFraction()).isEqualTo(0.375);
    }
}
