package dev.snapfusion.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.runner.Abi;
import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.ElfHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * benchmark_model on a device: the desktop check of the binary, the argv that reaches the shell, the verified install
 * (once per content), and a failing run, against the virtual device reached directly (no adb server).
 */
class BenchmarkModelClientTest {
    private static final List<String> PHONE = List.of("arm64-v8a", "armeabi-v7a");
    private static final String BUNDLE = DevicePaths.BUNDLES_DIR + "/9f1c02d7aa41e3b0";

    @TempDir
    static Path tmp;
    static DeviceLink link;
    static Device device;
    static Path sandbox;
    static Path hostBinary;

    @BeforeAll
    static void start() throws Exception {
        int unusedPort;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            unusedPort = s.getLocalPort();
        }
        link = DeviceLink.open(new LinkOptions(tmp.resolve("studio"), unusedPort, Optional.of(Path.of("/bin/false")), List.of(),
                tmp.resolve("no-android")));
        device = link.connect(DeviceLink.VIRTUAL_SERIAL);
        sandbox = tmp.resolve("studio/virtual-device");
        hostBinary = TestElf.write(tmp.resolve("host/benchmark_model"), 64, ElfHeader.ET_DYN,
                Abi.elfMachine(Abi.ofThisJvm()).orElseThrow());
    }

    @AfterAll
    static void stop() {
        if (link != null) link.close();
    }

    private static Path onDevice(String path) {
        return sandbox.resolve(path.substring(1));
    }

    @Test
    void checkBinary_script_namesTheFileWhatItIsAndWhatThePhoneNeeds() throws Exception {
        Path f = tmp.resolve("script");
        Files.writeString(f, "#!/system/bin/sh\necho hi\n");
        assertThatThrownBy(() -> BenchmarkModelClient.checkBinary(f, PHONE, "R5CT1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f + " is not an ELF executable (it is a script)")
                .hasMessageContaining("R5CT1 needs TFLite's benchmark_model built for arm64-v8a (ELF e_machine 183) or armeabi-v7a (ELF e_machine 40)");
    }

    @Test
    void checkBinary_otherBytes_showsTheFirstBytes() throws Exception {
        Path f = Files.write(tmp.resolve("blob"), new byte[] {0x12, 0x34, 0x56, 0x78, 0x00});
        assertThatThrownBy(() -> BenchmarkModelClient.checkBinary(f, PHONE, "R5CT1"))
                .hasMessageContaining("it starts with bytes 12 34 56 78, not 7f 45 4c 46");
    }

    @Test
    void checkBinary_x86_64BuildForAnArmPhone_namesItsAbiAndThePhones() throws Exception {
        Path f = TestElf.write(tmp.resolve("x64/benchmark_model"), 64, ElfHeader.ET_DYN, ElfHeader.EM_X86_64);
        assertThatThrownBy(() -> BenchmarkModelClient.checkBinary(f, PHONE, "R5CT1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f + " is a 64-bit ELF executable for x86_64 (e_machine 62), but R5CT1 runs arm64-v8a, armeabi-v7a");
    }

    @Test
    void checkBinary_armBuildsWhereListed_acceptedElseRefused() throws Exception {
        Path arm64 = TestElf.write(tmp.resolve("a64/benchmark_model"), 64, ElfHeader.ET_DYN, ElfHeader.EM_AARCH64);
        Path arm32 = TestElf.write(tmp.resolve("a32/benchmark_model"), 32, ElfHeader.ET_EXEC, ElfHeader.EM_ARM);
        assertThat(BenchmarkModelClient.checkBinary(arm64, PHONE, "R5CT1").abi()).contains("arm64-v8a");
        assertThat(BenchmarkModelClient.checkBinary(arm32, PHONE, "R5CT1").abi()).contains("armeabi-v7a");
        assertThatThrownBy(() -> BenchmarkModelClient.checkBinary(arm32, List.of("arm64-v8a"), "P8"))
                .hasMessageContaining("32-bit ELF executable for armeabi-v7a (e_machine 40), but P8 runs arm64-v8a");
    }

    @Test
    void checkBinary_aarch64MachineIn32BitClass_refusedAsNoAndroidAbi() throws Exception {
        Path f = TestElf.write(tmp.resolve("odd/benchmark_model"), 32, ElfHeader.ET_DYN, ElfHeader.EM_AARCH64);
        assertThatThrownBy(() -> BenchmarkModelClient.checkBinary(f, PHONE, "R5CT1"))
                .hasMessageContaining("32-bit ELF executable for no Android ABI (e_machine 183)");
    }

    @Test
    void checkBinary_objectFile_refusedAsNotAnExecutable() throws Exception {
        Path f = TestElf.write(tmp.resolve("obj/benchmark_model.o"), 64, ElfHeader.ET_REL, ElfHeader.EM_AARCH64);
        assertThatThrownBy(() -> BenchmarkModelClient.checkBinary(f, PHONE, "R5CT1"))
                .hasMessageContaining("is a 64-bit ELF relocatable object for arm64-v8a (e_machine 183), not an executable");
    }

    @Test
    void checkBinary_missingFile_namesIt() {
        Path f = tmp.resolve("nope/benchmark_model");
        assertThatThrownBy(() -> BenchmarkModelClient.checkBinary(f, PHONE, "R5CT1")).hasMessageStartingWith(f + ": no such file");
    }

    @Test
    void argv_request_onlyTheExecutableCheckedPathsAndNumbers_everyTokenStaysBareWhenQuoted() {
        BenchmarkRequest r = new BenchmarkRequest(hostBinary, BUNDLE + "/unet_blocks/012_down.1.cross_attention.0.tflite", 4, 10,
                false, DevicePaths.RUNS_DIR + "/20261207-101112-131-ops");
        List<String> argv = BenchmarkModelClient.argv("/data/local/tmp/snapfusion/tools/benchmark_model-0123456789ab/benchmark_model", r);
        assertThat(argv).containsExactly("/data/local/tmp/snapfusion/tools/benchmark_model-0123456789ab/benchmark_model",
                "--graph=" + BUNDLE + "/unet_blocks/012_down.1.cross_attention.0.tflite", "--num_threads=4", "--num_runs=10",
                "--use_xnnpack=false", "--enable_op_profiling=true", "--max_profiling_buffer_entries=100000",
                "--profiling_output_csv_file=" + DevicePaths.RUNS_DIR + "/20261207-101112-131-ops/ops.csv");
        assertThat(argv).allSatisfy(t -> assertThat(ShellQuoting.quote(t)).isEqualTo(t));
        assertThat(ShellQuoting.command(argv)).isEqualTo(String.join(" ", argv));
    }

    @ParameterizedTest
    @ValueSource(strings = {BUNDLE + "/$(reboot).tflite", BUNDLE + "/a;rm -rf x.tflite", BUNDLE + "/../../x.tflite",
            BUNDLE + "/it's.tflite", "/data/local/tmp/x.tflite", "/sdcard/model.tflite", BUNDLE + "/unet.bin", "unet.tflite"})
    void request_graphWithShellTextOrOutsideTheBundles_refused(String graph) {
        assertThatThrownBy(() -> new BenchmarkRequest(hostBinary, graph, 1, 1, false, DevicePaths.RUNS_DIR + "/r"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void request_outputFolderOutsideRunsOrZeroRuns_refused() {
        assertThatThrownBy(() -> new BenchmarkRequest(hostBinary, BUNDLE + "/unet.tflite", 1, 1, false, "/data/local/tmp/x"))
                .hasMessageContaining("not a plain device path under " + DevicePaths.RUNS_DIR);
        assertThatThrownBy(() -> new BenchmarkRequest(hostBinary, BUNDLE + "/unet.tflite", 1, 0, false, DevicePaths.RUNS_DIR + "/r"))
                .hasMessageContaining("runs must be at least 1");
    }

    @Test
    void install_twice_pushedOnceVerifiedAndExecutable_thenOneCatAndNothingSent() throws Exception {
        Path binary = TestElf.write(tmp.resolve("once/benchmark_model"), 64, ElfHeader.ET_DYN,
                Abi.elfMachine(Abi.ofThisJvm()).orElseThrow());
        Files.write(binary, new byte[] {42}, java.nio.file.StandardOpenOption.APPEND);   // a content of its own
        BenchmarkModelClient client = new BenchmarkModelClient(HashCache.none());
        CountingDevice first = new CountingDevice(device);
        String path = client.install(first, binary);

        String sha = Sha256.of(binary);
        assertThat(path).isEqualTo(DevicePaths.TOOLS_DIR + "/benchmark_model-" + sha.substring(0, 12) + "/benchmark_model");
        assertThat(onDevice(path)).hasSameBinaryContentAs(binary);
        assertThat(Files.isExecutable(onDevice(path))).as("chmod 755 on the device").isTrue();
        assertThat(onDevice(path).resolveSibling(VerifiedInstall.MARKER)).isRegularFile();
        assertThat(first.pushes.get()).as("the binary and the marker").isEqualTo(2);

        CountingDevice second = new CountingDevice(device);
        assertThat(client.install(second, binary)).isEqualTo(path);
        assertThat(second.pushes.get()).as("nothing sent again").isZero();
        assertThat(second.shells.get()).as("one cat of the marker").isEqualTo(1);
    }

    @Test
    void start_notAnElf_refusedBeforeAnythingReachesTheDevice() throws Exception {
        Path f = Files.writeString(tmp.resolve("benchmark_model.sh"), "echo");
        CountingDevice d = new CountingDevice(device);
        BenchmarkRequest r = new BenchmarkRequest(f, BUNDLE + "/unet.tflite", 1, 1, false, DevicePaths.RUNS_DIR + "/never");
        assertThatThrownBy(() -> new BenchmarkModelClient(HashCache.none()).start(d, r, Duration.ofSeconds(5), tmp.resolve("never")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an ELF executable");
        assertThat(d.pushes.get()).isZero();
        assertThat(d.streams).isEmpty();
        assertThat(onDevice(DevicePaths.RUNS_DIR + "/never")).doesNotExist();
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    @Test
    void start_graphMissingOnTheDevice_exitCodeAndLastLinesComeBack_outputSaved_noCsv() throws Exception {
        CountingDevice recording = new CountingDevice(device);
        Path local = tmp.resolve("failed-run");
        BenchmarkRequest r = new BenchmarkRequest(hostBinary, BUNDLE + "/missing.tflite", 1, 2, false, DevicePaths.RUNS_DIR + "/failed");
        BenchmarkOutcome o = new BenchmarkModelClient(HashCache.none()).start(recording, r, Duration.ofMinutes(2), local).await();

        assertThat(recording.streams).singleElement().satisfies(argv ->
                assertThat(argv).isEqualTo(BenchmarkModelClient.argv(argv.get(0), r)));
        assertThat(o.success()).isFalse();
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.outputTail()).contains("ERROR: Could not open '" + BUNDLE + "/missing.tflite'.");
        assertThat(o.csv()).isEmpty();
        assertThat(o.output()).isEqualTo(local.resolve(BenchmarkModelClient.OUTPUT_FILE));
        assertThat(Files.readString(o.output())).startsWith("INFO: STARTING!\n").contains("Could not open");
        assertThat(local).isDirectoryContaining(p -> p.getFileName().toString().equals(BenchmarkModelClient.OUTPUT_FILE))
                .isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void start_timeoutBeforeTheToolAnswers_outcomeTimedOut() {
        BenchmarkRequest r = new BenchmarkRequest(hostBinary, BUNDLE + "/missing.tflite", 1, 1, false, DevicePaths.RUNS_DIR + "/slow");
        BenchmarkOutcome o = new BenchmarkModelClient(HashCache.none()).start(device, r, Duration.ofMillis(1), tmp.resolve("slow")).await();
        assertThat(o.timedOut()).isTrue();
        assertThat(o.exitCode()).isEqualTo(-1);
        assertThat(o.success()).isFalse();
    }
}
