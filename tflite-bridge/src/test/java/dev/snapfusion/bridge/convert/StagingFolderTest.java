package dev.snapfusion.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging folders name their owner process; the next conversion into the same parent removes those whose owner is gone. */
class StagingFolderTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final List<String> stagingSeen = new ArrayList<>();

    private ConvertListener listener() {
        return new ConvertListener() {
            @Override
            public void progress(int done, int total, String what) {
                if (done != 1) return;
                try (Stream<Path> s = Files.list(dir)) {
                    s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".sf.partial-") && !n.endsWith("-4242"))
                            .forEach(stagingSeen::add);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
    }

    private Path stage(String out, StagingFolder.Owner owner, int bytes) throws Exception {
        Path p = Files.createDirectories(dir.resolve(StagingFolder.prefix(out, owner) + "4242"));
        Files.write(Files.createDirectories(p.resolve("unet_blocks")).resolve("000_x.tflite.partial"), new byte[bytes]);
        return p;
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) Thread.sleep(10);
        return p.pid();
    }

    @Test
    void convert_siblingStagingFolders_deadOrReusedOwnersRemovedLiveOwnersKept() throws Exception {
        StagingFolder.Owner me = StagingFolder.Owner.current();
        assertThat(me.startMillis()).as("this platform tells process start times").isPositive();
        long dead = deadPid();
        Process sleeper = new ProcessBuilder("sleep", "120").start();
        try {
            StagingFolder.Owner other = new StagingFolder.Owner(sleeper.pid(),
                    sleeper.info().startInstant().orElseThrow().toEpochMilli());
            Path gone = stage("sf", new StagingFolder.Owner(dead, me.startMillis()), 3 << 20);
            Path reused = stage("old", new StagingFolder.Owner(me.pid(), me.startMillis() - 3_600_000), 10);
            Path mine = stage("other", me, 10);
            Path othersLive = stage("sf", other, 10);
            Path ancient = Files.createDirectories(dir.resolve(".ancient.partial-123456789"));
            Files.setLastModifiedTime(ancient, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
            Path recent = Files.createDirectories(dir.resolve(".recent.partial-987654321"));
            Path unrelated = Files.createDirectories(dir.resolve(".notes.partial-draft"));

            ConvertedBundle b = BundleConverter.convert("demo:snapfusion", Quantization.FP32, dir.resolve("sf"), listener());

            assertThat(b.dir().resolve("manifest.json")).isRegularFile();
            assertThat(gone).doesNotExist();
            assertThat(reused).doesNotExist();
            assertThat(ancient).doesNotExist();
            assertThat(mine).isDirectory();
            assertThat(othersLive).isDirectory();
            assertThat(recent).isDirectory();
            assertThat(unrelated).isDirectory();
            assertThat(warnings).hasSize(3);
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains(gone.toString(), "process " + dead + ", is gone", "freed 3.0 MiB"));
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains(ancient.toString(), "no owner recorded"));
            assertThat(stagingSeen).singleElement().asString().startsWith(StagingFolder.prefix("sf", me));
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void convert_afterKillNine_nextConversionRemovesTheKilledOnesStagingFolder() throws Exception {
        Path out = dir.resolve("sf");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                HangingConversion.class.getName(), out.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        String prefix = ".sf.partial-" + p.pid() + "-";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(dir.resolve("log")).contains(HangingConversion.READY) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as(Files.readString(dir.resolve("log"))).isTrue();
        p.destroyForcibly();   // SIGKILL: the child's finally never runs
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path left;
        try (Stream<Path> s = Files.list(dir)) {
            left = s.filter(x -> x.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
        assertThat(left.resolve("tokenizer/vocab.json")).isRegularFile();
        assertThat(out).doesNotExist();

        BundleConverter.convert("demo:snapfusion", Quantization.FP32, out, listener());

        assertThat(left).doesNotExist();
        assertThat(out.resolve("manifest.json")).isRegularFile();
        assertThat(warnings).singleElement().asString().contains(left.toString(), "process " + p.pid() + ", is gone", "freed");
    }

    /** Starts a conversion and stops for good once the staging folder has its first files. */
    static final class HangingConversion {
        static final String READY = "staging folder written";

        public static void main(String[] args) throws Exception {
            BundleConverter.convert("demo:snapfusion", Quantization.FP32, Path.of(args[0]), (done, total, what) -> {
                if (done != 1) return;
                System.out.println(READY);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
