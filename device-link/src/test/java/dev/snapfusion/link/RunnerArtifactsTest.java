package dev.snapfusion.link;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerArtifactsTest {
    @TempDir
    Path tmp;

    @Test
    void bundled_afterAFullBuild_extractsDexJarAndArm64LibraryWithMatchingSha256() throws Exception {
        RunnerArtifacts a = RunnerArtifacts.bundled().orElseThrow(
                () -> new AssertionError("runner artifacts missing: build device-runner (process-classes) before device-link"));
        Path jar = a.extractJar(tmp);
        Path so = a.extractJni(tmp);
        assertThat(sha256(jar)).isEqualTo(a.jarSha256());
        assertThat(sha256(so)).isEqualTo(a.jniSha256());
        try (ZipFile z = new ZipFile(jar.toFile())) {
            assertThat(z.getEntry("classes.dex")).isNotNull();
        }
        byte[] head = new byte[20];
        try (InputStream in = Files.newInputStream(so)) {
            assertThat(in.read(head)).isEqualTo(20);
        }
        assertThat(new String(head, 1, 3, "US-ASCII")).isEqualTo("ELF");
        assertThat(head[4]).as("64-bit ELF").isEqualTo((byte) 2);
        assertThat((head[18] & 0xff) | (head[19] & 0xff) << 8).as("e_machine AArch64").isEqualTo(183);
        assertThat(a.extractJar(tmp)).as("second extraction reuses the file").isEqualTo(jar);
        assertThat(a.launchCommand("/data/local/tmp/snapfusion/runs/r/request.json"))
                .startsWith("CLASSPATH=" + a.deviceJar(), "LD_LIBRARY_PATH=" + a.deviceDir(), "app_process")
                .contains("dev.snapfusion.runner.RunnerMain");
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
