package dev.snapfusion.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio generate} options that are checked before any device is touched. */
class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void generate_unknownProfile_userErrorNamingTheOption_noStackTrace() {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = StudioCli.execute("--workspace", dir.resolve("ws").toString(), "generate", "--device", "virtual",
                    "--bundle", dir.resolve("none").toString(), "--prompt", "p", "--out", dir.resolve("run").toString(),
                    "--profile", "memory");
        } finally {
            System.setErr(oldErr);
        }
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(e).contains("--profile memory: unknown; use --profile ops").doesNotContain("\tat ");
    }
}
