package dev.snapfusion.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a conversion leaves, at most, a {@code .partial} file: never one under the final name. */
class InterruptedConversionTest {
    @TempDir
    Path dir;

    @Test
    void killNine_midConversion_leavesNothingUnderTheFinalName() throws Exception {
        Path out = dir.resolve("unet.tflite");
        Path partial = dir.resolve("unet.tflite.partial");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                UnetConversion.class.getName(), out.toString(), "fp32", "160,320,640,640", "64"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(partial) && Files.size(partial) > (32 << 20)) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as("the conversion must still be running when it is killed").isTrue();
        p.destroyForcibly();   // SIGKILL on Linux: no shutdown hooks, no finally blocks
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);
        assertThat(out).doesNotExist();
        assertThat(partial).exists();
    }
}
