package dev.snapfusion.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.runner.protocol.RunRequestCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code studio generate} (its own JVM, as the launcher runs it) whose prompt is full of shell
 * metacharacters, to the virtual device through Debian's real adb server (private port, sandboxed HOME).
 * The run must succeed with the prompt intact and create nothing on the device but the run's own files.
 */
@Tag("adb")
class GenerateSafetyAdbTest extends StudioProcessHarness {
    private static final String PROMPT = "a cat; touch /data/local/tmp/pwned1 $(mkdir /data/local/tmp/pwned2) "
            + "`mkdir /data/local/tmp/pwned3` 'single' \"double\" \\ back\nnewline; rm -rf / | tee x & > y";

    @Test
    void generate_promptWithShellMetacharacters_runsThroughServerAndCreatesNothing() throws Exception {
        assumeTrue(Files.isExecutable(ADB), "adb not installed");
        Files.createDirectories(tmp.resolve("home"));
        port = freePort();
        Path bundle = tmp.resolve("sf");
        BundleConverter.convert("demo:snapfusion", Quantization.FP32, bundle, ConvertListener.NONE);

        Path out = tmp.resolve("run");
        Result r = studio("generate", "--device", "virtual", "--bundle", bundle.toString(), "--prompt", PROMPT,
                "--steps", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("connected through adb server 127.0.0.1:" + port);
        assertThat(out.resolve("image.png")).isNotEmptyFile();
        assertThat(RunRequestCodec.parse(Files.readString(out.resolve("request.json"), StandardCharsets.UTF_8)).prompt())
                .isEqualTo(PROMPT);

        Path sandbox = tmp.resolve("ws/virtual-device");
        try (Stream<Path> all = Files.walk(sandbox)) {
            List<String> names = all.map(p -> sandbox.relativize(p).toString()).toList();
            assertThat(names).noneMatch(n -> n.contains("pwned") || n.endsWith("/x") || n.endsWith("/y") || n.equals("x")
                    || n.equals("y"));
            // everything on the device lies under the studio's work dir (plus the device's own folders)
            assertThat(names).allMatch(n -> n.isEmpty() || "data/local/tmp/snapfusion".startsWith(n)
                    || n.startsWith("data/local/tmp/snapfusion/"));
        }
    }
}
