package dev.snapfusion.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio bench convert} on a tiny UNet: the machinery (child JVM, cp, VmHWM), not the speed. */
class BenchConvertCommandTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(StudioCli.execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void benchConvert_json_printsExactlyTheFourFiguresAndCleansUp() throws Exception {
        String out = run("--workspace", dir.resolve("ws").toString(), "bench", "convert", "--channels", "32,64,128,128",
                "--latent", "16", "--dir", dir.resolve("b").toString(), "--json");
        JsonNode j = new ObjectMapper().readTree(out.trim());
        assertThat(j.fieldNames()).toIterable().containsExactly("convert_s", "cp_s", "ratio", "peak_rss_mb");
        assertThat(j.get("convert_s").asDouble()).isPositive();
        assertThat(j.get("cp_s").asDouble()).isPositive();
        assertThat(j.get("ratio").asDouble()).isCloseTo(j.get("convert_s").asDouble() / j.get("cp_s").asDouble(),
                org.assertj.core.data.Percentage.withPercentage(5));   // printed to 3 decimals
        assertThat(j.get("peak_rss_mb").asDouble()).isBetween(20.0, 1536.0);
        try (Stream<Path> s = Files.list(dir.resolve("b"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void benchConvert_badChannels_isAUserError() {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = StudioCli.execute("--workspace", dir.toString(), "bench", "convert", "--channels", "32,x");
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("--channels 32,x");
    }

    @Test
    void bench_withoutSubcommand_listsConvert() {
        assertThat(run("bench")).contains("convert");
        assertThat(List.of(new picocli.CommandLine(new StudioCli()).getSubcommands().get("bench").getSubcommands().keySet()))
                .first().asString().contains("convert");
    }
}
