package dev.snapfusion.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.link.BenchmarkOutcome;
import dev.snapfusion.runner.Abi;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.ManifestCodec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code studio ops run} on the virtual device, in process and reached directly (no adb server), with the demo bundle
 * (small preset, synthetic weights) and a test binary that is a bare ELF header for the host's ABI: the virtual device
 * runs its emulated benchmark_model on the real graph, and the run folder ends up as {@code ops import --run} leaves one.
 */
class OpsRunCommandTest {
    @TempDir
    static Path tmp;
    static Path bundle;
    static BundleManifest manifest;
    static Path elf;
    static int unusedPort;

    @BeforeAll
    static void setUp() throws Exception {
        bundle = tmp.resolve("sf");
        BundleConverter.convert("demo:snapfusion", Quantization.FP32, bundle, ConvertListener.NONE);
        manifest = ManifestCodec.read(bundle.resolve(BundleManifest.FILE_NAME));
        elf = elf(tmp.resolve("bin/benchmark_model"), 64, Abi.elfMachine(Abi.ofThisJvm()).orElseThrow());
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unusedPort = s.getLocalPort();
        }
    }

    /** The header of an ELF shared object/PIE (e_type 3) for {@code machine}: all the emulation and the check read. */
    static Path elf(Path file, int bits, int machine) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (bits == 64 ? 2 : 1), 1, 1});
        b.putShort(16, (short) 3).putShort(18, (short) machine);
        Files.createDirectories(file.getParent());
        return Files.write(file, b.array());
    }

    private static CliRun studio(Path workspace, String... args) {
        List<String> all = new ArrayList<>(List.of("--workspace", workspace.toString(), "--adb", "/bin/false", "--adb-port",
                Integer.toString(unusedPort)));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void opsRun_virtualDevice_runFolderHasOutputCsvAndImport_byBlockHasTheUnetsBlocks_printsWhatImportPrints() throws Exception {
        Path ws = tmp.resolve("ws");
        Path run = tmp.resolve("run");
        CliRun r = studio(ws, "ops", "run", "--binary", elf.toString(), "--bundle", bundle.toString(), "--device", "virtual",
                "--runs", "2", "--out", run.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        try (Stream<Path> s = Files.list(run)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("benchmark_model.txt", "ops.csv",
                    "op_profile_import.json");
        }
        assertThat(Files.readString(run.resolve("benchmark_model.txt"))).startsWith("INFO: STARTING!\n")
                .contains("INFO: SnapFusion virtual device: benchmark_model emulated with TFLite 2.21")
                .contains("INFO: Use xnnpack: [0]").contains("Inference timings in us");

        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("file").asText()).isEqualTo(run.resolve("ops.csv").toString());
        assertThat(j.get("layout").asText()).isEqualTo("csv");
        assertThat(j.get("total_from").asText()).isEqualTo("timings");
        assertThat(j.get("total_ms").asDouble()).isPositive();
        Set<String> blockIds = new HashSet<>();
        for (Block b : manifest.blocks()) blockIds.add(b.id());
        List<String> byBlock = new ArrayList<>();
        j.get("by_block").forEach(b -> byBlock.add(b.get("block").asText()));
        assertThat(byBlock).as("every UNet block has ops").containsAll(blockIds);
        double blockMs = 0;
        for (JsonNode b : j.get("by_block")) if (blockIds.contains(b.get("block").asText())) blockMs += b.get("ms").asDouble();
        assertThat(blockMs / j.get("total_ms").asDouble()).as("blocks' share of the run").isGreaterThan(0.9);
        // Op rows are named by the graph's own tensors, "[<block id>/t<n>]:<node>", and measured, not constants.
        Set<Double> times = new HashSet<>();
        int named = 0;
        for (JsonNode op : j.get("ops")) {
            String name = op.get("name").asText();
            assertThat(name).matches("\\[[^\\]]+\\]:\\d+");
            if (op.has("block") && name.startsWith("[" + op.get("block").asText() + "/t")) named++;
            times.add(op.get("avg_ms").asDouble());
        }
        assertThat(named).isGreaterThan(j.get("ops").size() * 9 / 10);
        assertThat(times).hasSizeGreaterThan(50);

        JsonNode saved = new ObjectMapper().readTree(run.resolve("op_profile_import.json").toFile());
        assertThat(saved).isEqualTo(j);
        CliRun imported = studio(ws, "ops", "import", run.resolve("ops.csv").toString(), "--bundle", bundle.toString(), "--json");
        assertThat(imported.out()).isEqualTo(r.out());

        // One verified install of the binary, in a folder named by its content.
        Path tools = ws.resolve("virtual-device/data/local/tmp/snapfusion/tools");
        try (Stream<Path> s = Files.list(tools)) {
            assertThat(s).singleElement().satisfies(d -> assertThat(d.getFileName().toString()).startsWith("benchmark_model-"));
        }
    }

    @Test
    void opsRun_notAnElf_clearErrorNamingFileAndAbi_nothingSentToTheDevice() throws Exception {
        Path ws = tmp.resolve("ws-bad");
        Path script = Files.writeString(tmp.resolve("benchmark_model.sh"), "#!/bin/sh\necho hi\n");
        CliRun r = studio(ws, "ops", "run", "--binary", script.toString(), "--bundle", bundle.toString(), "--device", "virtual",
                "--out", tmp.resolve("never").toString());
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains("error: " + script + " is not an ELF executable (it is a script)")
                .contains(Abi.ofThisJvm() + " (ELF e_machine " + Abi.elfMachine(Abi.ofThisJvm()).orElseThrow() + ")")
                .doesNotContain("\tat ");
        Path work = ws.resolve("virtual-device/data/local/tmp/snapfusion");
        for (String sub : List.of("bundles", "tools", "runs")) assertThat(work.resolve(sub)).doesNotExist();
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    @Test
    void opsRun_elfForAnotherAbi_refusedNamingItsAbiAndTheDevices() throws Exception {
        boolean arm = Abi.ofThisJvm().equals("arm64-v8a");
        Path other = elf(tmp.resolve("other/benchmark_model"), 64, arm ? 62 : 183);
        Path ws = tmp.resolve("ws-other");
        CliRun r = studio(ws, "ops", "run", "--binary", other.toString(), "--bundle", bundle.toString(), "--device", "virtual");
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains(other + " is a 64-bit ELF executable for " + (arm ? "x86_64 (e_machine 62)" : "arm64-v8a (e_machine 183)")
                + ", but virtual runs " + Abi.ofThisJvm());
        assertThat(ws.resolve("virtual-device/data/local/tmp/snapfusion/bundles")).doesNotExist();
    }

    @Test
    void opsRun_graphOutsideTheBundleOrNotInIt_refusedBeforeAnyDevice() {
        Path ws = tmp.resolve("ws-graph");
        CliRun outside = studio(ws, "ops", "run", "--binary", elf.toString(), "--bundle", bundle.toString(), "--device", "virtual",
                "--graph", "../sf/unet.tflite");
        assertThat(outside.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(outside.err()).contains("--graph ../sf/unet.tflite is outside the bundle " + bundle);
        CliRun absolute = studio(ws, "ops", "run", "--binary", elf.toString(), "--bundle", bundle.toString(), "--device", "virtual",
                "--graph", bundle.resolve("unet.tflite").toString());
        assertThat(absolute.err()).contains("is outside the bundle");
        CliRun missing = studio(ws, "ops", "run", "--binary", elf.toString(), "--bundle", bundle.toString(), "--device", "virtual",
                "--graph", "unet_blocks/999_none.tflite");
        assertThat(missing.err()).contains("--graph unet_blocks/999_none.tflite is not a .tflite file of the bundle")
                .contains("e.g. text_encoder.tflite or unet_blocks/");
        assertThat(ws.resolve("virtual-device")).doesNotExist();
    }

    @Test
    void opsRun_outIsARunOfAnotherBundleOrAFolderOfOtherFiles_refusedBeforeAnyDevice() throws Exception {
        Path ws = tmp.resolve("ws-out");
        Path otherRun = Files.createDirectories(tmp.resolve("other-run"));
        Files.writeString(otherRun.resolve("timings.json"), "{}");
        Files.writeString(otherRun.resolve("studio-run.json"), "{\"device\": \"Pixel 8\", \"serial\": \"P8\", \"bundle_id\": \"0000feedbeef0000\"}");
        CliRun r = studio(ws, "ops", "run", "--binary", elf.toString(), "--bundle", bundle.toString(), "--device", "virtual",
                "--out", otherRun.toString());
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains("--out " + otherRun + " is a run of bundle 0000feedbeef0000, not of " + manifest.id());
        Path home = Files.createDirectories(tmp.resolve("home-like"));
        Files.writeString(home.resolve("notes.txt"), "mine");
        CliRun scattered = studio(ws, "ops", "run", "--binary", elf.toString(), "--bundle", bundle.toString(), "--device", "virtual",
                "--out", home.toString());
        assertThat(scattered.err()).contains("--out " + home + " holds other files");
        try (Stream<Path> s = Files.list(home)) {
            assertThat(s).hasSize(1);
        }
        assertThat(ws.resolve("virtual-device")).doesNotExist();
    }

    @Test
    void opsRun_noDeviceNamedAndNoPhoneConnected_saysHowToNameOne() {
        CliRun r = studio(tmp.resolve("ws-none"), "ops", "run", "--binary", elf.toString(), "--bundle", bundle.toString());
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains("no phone is connected; name one with --device SERIAL, or --device virtual");
    }

    @Test
    void describeFailure_nonZeroExit_showsCodeLastLinesAndWhereTheOutputIs() {
        BenchmarkOutcome o = new BenchmarkOutcome(134, false, false, List.of("INFO: Loaded model x", "ERROR: Node number 12 (CONV_2D) failed to invoke."),
                tmp.resolve("r/benchmark_model.txt"), Optional.empty(), tmp.resolve("r"), Duration.ofSeconds(3));
        assertThat(OpsRunCommand.describeFailure("R5CT1", "unet.tflite", o)).isEqualTo(
                "benchmark_model on R5CT1 (unet.tflite) exited with code 134\n  last lines:\n    INFO: Loaded model x\n"
                        + "    ERROR: Node number 12 (CONV_2D) failed to invoke.\n  all it printed: " + tmp.resolve("r/benchmark_model.txt"));
        BenchmarkOutcome slow = new BenchmarkOutcome(-1, true, false, List.of(), tmp.resolve("r/benchmark_model.txt"), Optional.empty(),
                tmp.resolve("r"), Duration.ofSeconds(600));
        assertThat(OpsRunCommand.describeFailure("virtual", "unet.tflite", slow)).startsWith(
                "benchmark_model on virtual (unet.tflite) timed out after 600 s; it was stopped\n");
    }
}
