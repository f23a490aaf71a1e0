package dev.snapfusion.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio bench unet}: option handling and the JSON shape on the tiny demo UNets; never the speed. */
class BenchUnetCommandTest {
    @TempDir
    Path dir;

    @Test
    void benchUnet_xnnpackNeitherOnNorOff_isAUserErrorNamingTheValue() {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = StudioCli.execute("--workspace", dir.toString(), "bench", "unet", "--size", "demo", "--xnnpack", "maybe");
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("--xnnpack maybe").contains("on or off");
    }

    @Test
    void benchUnet_demoWithXnnpackOff_jsonKeepsTheFiveKeysFirstAndSaysXnnpackOff() throws Exception {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = StudioCli.execute("--workspace", dir.toString(), "bench", "unet", "--size", "demo", "--repeats", "1",
                    "--threads", "1", "--xnnpack", "OFF", "--json");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).trim());
        assertThat(j.fieldNames()).toIterable().startsWith("unet_gflops", "gemm_gflops", "efficiency", "latency_ratio", "flop_ratio")
                .contains("xnnpack");
        assertThat(j.get("xnnpack").asBoolean(true)).isFalse();
        assertThat(j.get("unet_gflops").asDouble()).isPositive();
        assertThat(j.get("flop_ratio").asDouble()).isBetween(0.0, 1.0);
        // The demo latent is 32x32, so SD's 64x64 cross-attention share is 0 there, and it is a share in any case.
        assertThat(j.get("sd15_cross_attention_64_share").asDouble()).isZero();
    }
}
