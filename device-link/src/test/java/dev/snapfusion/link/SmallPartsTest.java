package dev.snapfusion.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dadb.AdbAuthException;
import dadb.AdbSyncFailException;
import dev.snapfusion.runner.protocol.RunnerEvent;
import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallPartsTest {
    @Test
    void parseSums_toyboxOutputWithMissingFiles_mapsOnlyPresent() {
        String h1 = "a".repeat(64);
        String h2 = "0123456789ABCDEF".repeat(4);
        Map<String, String> m = Sha256.parseSums(h1 + "  /d/b/unet.tflite\n" + h2 + " */d/b/x y.bin\r\nnot a line\n");
        assertThat(m).containsOnly(Map.entry("/d/b/unet.tflite", h1), Map.entry("/d/b/x y.bin", h2.toLowerCase()));
    }

    @Test
    void sha256_knownVector_matches() {
        assertThat(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void lineSplitter_packetsSplitMidLineAndMidChar_deliversWholeLines() {
        List<String> lines = new ArrayList<>();
        LineSplitter s = new LineSplitter(lines::add);
        byte[] all = "one\r\ntwo é\nthree".getBytes(StandardCharsets.UTF_8);
        for (byte b : all) s.accept(new byte[] {b});
        assertThat(lines).containsExactly("one", "two é");
        s.finish();
        assertThat(lines).containsExactly("one", "two é", "three");
    }

    @Test
    void deviceProps_getpropDump_fillsFacts() {
        String dump = "[ro.product.model]: [Pixel 7]\n[ro.product.manufacturer]: [Google]\n[ro.product.board]: [gs201]\n"
                + "[ro.build.version.release]: [14]\n[ro.build.version.sdk]: [34]\n"
                + "[ro.product.cpu.abilist]: [arm64-v8a,armeabi-v7a]\n[other]: []\n";
        DeviceFacts f = DeviceProps.facts(DeviceProps.parse(dump), false);
        assertThat(f).isEqualTo(new DeviceFacts("Pixel 7", "Google", "gs201", "14", "34", "arm64-v8a,armeabi-v7a",
                "Google Pixel 7, Android 14 (SDK 34)", -1, -1, false));
        assertThat(f.abis()).containsExactly("arm64-v8a", "armeabi-v7a");
        assertThat(f.abiProblem()).isEmpty();
        assertThat(DeviceProps.facts(DeviceProps.parse(dump), true).description()).startsWith("virtual device on the host CPU");
    }

    @Test
    void abiProblem_32bitPhone_namesAbisAndWhatIsNeeded() {
        DeviceFacts f = DeviceProps.facts(DeviceProps.parse(
                "[ro.product.model]: [Old Phone]\n[ro.product.cpu.abilist]: [armeabi-v7a,armeabi]\n"), false);
        assertThat(f.abiProblem()).hasValueSatisfying(m -> assertThat(m)
                .contains("Old Phone", "armeabi-v7a, armeabi", "needs arm64-v8a"));
        DeviceFacts virtual = DeviceProps.facts(DeviceProps.parse("[ro.product.cpu.abilist]: [" + DeviceProps.hostAbi()
                + "]\n"), true);
        assertThat(virtual.abiProblem()).isEmpty();
        assertThat(DeviceProps.facts(DeviceProps.parse("[ro.product.cpu.abilist]: [mips]\n"), true).abiProblem())
                .hasValueSatisfying(m -> assertThat(m).contains("host's ABI"));
    }

    @Test
    void memAndDf_realOutputs_parsedToBytes() {
        assertThat(DeviceProps.memTotalBytes("MemTotal:        7899876 kB\nMemFree:  1 kB\n")).isEqualTo(7899876L * 1024);
        assertThat(DeviceProps.memTotalBytes("nothing")).isEqualTo(-1);
        String toybox = "Filesystem      1K-blocks     Used Available Use% Mounted on\n"
                + "/dev/block/dm-48 115324528 60321848  54871608  53% /data\n";
        assertThat(DeviceProps.dfAvailableBytes(toybox)).isEqualTo(54871608L * 1024);
        String wrapped = "Filesystem 1K-blocks Used Available Use% Mounted on\n/dev/mapper/a-very-long-name\n"
                + "                 1000      400       600  40% /data\n";
        assertThat(DeviceProps.dfAvailableBytes(wrapped)).isEqualTo(600L * 1024);
        assertThat(DeviceProps.dfAvailableBytes("df: /x: No such file or directory\n")).isEqualTo(-1);
    }

    @Test
    void hostPort_badText_namesIt() {
        assertThat(HostPort.parse("tunnel.local:5037")).isEqualTo(new HostPort("tunnel.local", 5037));
        assertThatThrownBy(() -> HostPort.parse("tunnel.local")).hasMessageContaining("'tunnel.local'");
        assertThatThrownBy(() -> HostPort.parse("h:99999")).hasMessageContaining("bad port");
        assertThatThrownBy(() -> new LinkOptions(Path.of("w"), 5037, Optional.empty(), List.of("nope")))
                .hasMessageContaining("'nope'");
    }

    @Test
    void defaultAndroidUserDir_followsAdbsEnvironmentOrder() {
        assertThat(LinkOptions.defaultAndroidUserDir(Map.of("ANDROID_USER_HOME", "/u", "ANDROID_SDK_HOME", "/s",
                "HOME", "/h"))).isEqualTo(Path.of("/u"));
        assertThat(LinkOptions.defaultAndroidUserDir(Map.of("ANDROID_SDK_HOME", "/s", "HOME", "/h")))
                .isEqualTo(Path.of("/s/.android"));
        assertThat(LinkOptions.defaultAndroidUserDir(Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.android"));
    }

    @Test
    void progressMeter_halfwayAfterOneSecond_reportsRateAndEta() {
        AtomicLong now = new AtomicLong(0);
        ProgressMeter m = new ProgressMeter(4_000_000, now::get);
        now.set(1_000_000_000L);
        PushProgress p = m.progress("a", 1_000_000, 1_000_000);
        m.fileDone(1_000_000);
        now.set(2_000_000_000L);
        p = m.progress("b", 1_000_000, 3_000_000);
        assertThat(p.totalBytesDone()).isEqualTo(2_000_000);
        assertThat(p.megabytesPerSecond()).isEqualTo(1.0);
        assertThat(p.eta()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void failures_dadbAndSocketErrors_mapToFamily() {
        assertThat(Failures.map(new AdbSyncFailException("No space left on device"), "push", "s"))
                .isInstanceOf(TransferException.class).hasMessageContaining("No space left")
                .satisfies(e -> assertThat(e.retryable()).isFalse());
        assertThat(Failures.map(new EOFException(), "shell", "s")).isInstanceOf(DeviceGoneException.class)
                .satisfies(e -> assertThat(e.retryable()).isTrue());
        assertThat(Failures.map(new SocketTimeoutException("t"), "pull", "s")).isInstanceOf(TransferException.class)
                .satisfies(e -> assertThat(e.retryable()).isTrue());
        assertThat(Failures.map(new AdbAuthException("no", null), "open", "s")).isInstanceOf(DeviceGoneException.class)
                .hasMessageContaining("accept the prompt");
        assertThat(Failures.map(new java.io.IOException("device 'x' not found"), "open", "s"))
                .isInstanceOf(DeviceGoneException.class);
    }

    @Test
    void adbLocator_searchesPathThenSdk(@TempDir Path tmp) throws Exception {
        Path sdkAdb = tmp.resolve("sdk/platform-tools/adb");
        Files.createDirectories(sdkAdb.getParent());
        Files.writeString(sdkAdb, "#!/bin/sh\n");
        sdkAdb.toFile().setExecutable(true);
        Map<String, String> env = Map.of("PATH", tmp.resolve("empty").toString(), "ANDROID_HOME", tmp.resolve("sdk").toString());
        assertThat(AdbLocator.find(Optional.empty(), env)).contains(sdkAdb);
        assertThat(AdbLocator.find(Optional.empty(), Map.of("PATH", tmp.toString()))).isEmpty();
        assertThatThrownBy(() -> AdbLocator.find(Optional.of(tmp.resolve("missing")), env))
                .hasMessageContaining("missing");
    }

    @Test
    void eventCollector_badAndUnknownLines_areReportedNotSwallowed() {
        List<RunnerEvent> seen = new ArrayList<>();
        RunnerClient.EventCollector c = new RunnerClient.EventCollector(seen::add);
        c.line("{\"event\":\"memory\",\"peak_kb\":1234}");
        c.line("WARNING: linker: something");
        c.line("{\"event\":\"teleport\"}");
        assertThat(c.events()).containsExactly(new RunnerEvent.Memory(1234));
        assertThat(c.problems()).hasSize(2);
        assertThat(c.problems().get(0)).contains("not JSON");
        assertThat(c.problems().get(1)).contains("teleport");
        assertThat(seen).hasSize(3);
        assertThat(seen.get(1)).isInstanceOf(RunnerEvent.Error.class)
                .extracting(e -> ((RunnerEvent.Error) e).code()).isEqualTo("bad_runner_line");
        assertThat(new String(c.jsonl(), StandardCharsets.UTF_8)).isEqualTo("{\"event\":\"memory\",\"peak_kb\":1234}\n");
    }

    @Test
    void launchArgv_quoted_isTheRunnerCommand() {
        String cmd = ShellQuoting.command(new RunnerClient().launchArgv("/data/local/tmp/snapfusion/runs/r1/request.json"));
        assertThat(cmd).isEqualTo("CLASSPATH=/data/local/tmp/snapfusion/runner/0.1.0/runner.jar LD_LIBRARY_PATH=/data/local/tmp/snapfusion/runner/0.1.0 app_process "
                + "/data/local/tmp/snapfusion dev.snapfusion.runner.RunnerMain --request "
                + "/data/local/tmp/snapfusion/runs/r1/request.json");
    }
}
