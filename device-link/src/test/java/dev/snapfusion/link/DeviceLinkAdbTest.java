package dev.snapfusion.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snapfusion.link.virtual.VirtualDevice;
import dev.snapfusion.link.virtual.VirtualDeviceConfig;
import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.FileEntry;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.bundle.SchedulerConfig;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunRequestCodec;
import dev.snapfusion.runner.protocol.RunnerEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Through Debian's real adb server (private port, sandboxed HOME) to the virtual device. */
@Tag("adb")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceLinkAdbTest {
    private static final String T = DevicePaths.WORK_DIR + "/linktest";

    @TempDir
    static Path tmp;
    private AdbTestServer server;
    private DeviceLink link;
    private Device device;
    private Path sandbox;

    @BeforeAll
    void startServerAndConnect() throws Exception {
        Optional<Path> adb = AdbTestServer.findAdb();
        assumeTrue(adb.isPresent(), "adb not installed");
        server = AdbTestServer.start(adb.get(), tmp.resolve("home"));
        Path workspace = tmp.resolve("studio");
        link = DeviceLink.open(new LinkOptions(workspace, server.port, adb, List.of(), server.androidUserDir()));
        device = link.connect(DeviceLink.VIRTUAL_SERIAL);
        sandbox = workspace.resolve("virtual-device");
    }

    @AfterAll
    void stop() throws Exception {
        if (link != null) link.close();
        if (server != null) server.close();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** n bytes that start with a tiny real model, so the pusher's op-floor check passes (TestBundles). */
    private static byte[] modelBytes(int n, long seed) {
        byte[] b = randomBytes(n, seed);
        byte[] model = TestBundles.model(0, 1, null);
        System.arraycopy(model, 0, b, 0, model.length);
        return b;
    }

    @Test
    void connect_virtualWithServer_goesThroughAdbServer() {
        assertThat(link.localServerAvailable()).isTrue();
        assertThat(device.connectionPath()).isEqualTo(ConnectionPath.ADB_SERVER);
        assertThat(device.isVirtual()).isTrue();
        assertThat(device.serial()).isEqualTo("virtual");
    }

    @Test
    void devices_afterConnect_listsVirtualInStateDevice() {
        List<DeviceInfo> ds = link.devices();
        assertThat(ds).filteredOn(DeviceInfo::virtual).singleElement().satisfies(d -> {
            assertThat(d.serial()).isEqualTo("virtual");
            assertThat(d.state()).isEqualTo("device");
        });
        // the server's own entry for 127.0.0.1:port is folded into the virtual one, not listed twice
        assertThat(ds).noneMatch(d -> d.serial().startsWith("127.0.0.1:"));
    }

    @Test
    void shell_echo_returnsStdoutAndExitCodes() {
        ShellResult r = device.shell(List.of("echo", "hello", "world"));
        assertThat(r).isEqualTo(new ShellResult(0, "hello world\n", ""));
        assertThat(device.shell(List.of("exit", "7")).exitCode()).isEqualTo(7);
    }

    @Test
    void facts_virtual_saysHostCpu() {
        DeviceFacts f = device.facts();
        assertThat(f.description()).startsWith("virtual device on the host CPU");
        assertThat(f.totalRamBytes()).isPositive();
        assertThat(f.workDirFreeBytes()).isPositive();
        assertThat(f.abis()).contains(DeviceProps.hostAbi());
        assertThat(f.abiProblem()).isEmpty();
    }

    @Test
    void pushPull_bytes_roundTripIdentical() throws Exception {
        byte[] data = randomBytes(300_000, 1);
        Path src = tmp.resolve("src.bin");
        Files.write(src, data);
        List<Long> progress = Collections.synchronizedList(new ArrayList<>());
        device.push(src, T + "/round/trip.bin", (done, total) -> progress.add(done));
        Path back = tmp.resolve("back/trip.bin");
        device.pull(T + "/round/trip.bin", back);
        assertThat(Files.readAllBytes(back)).isEqualTo(data);
        assertThat(progress).isNotEmpty().isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(300_000L);
        assertThat(device.shell(List.of("test", "-e", T + "/round/trip.bin.part")).exitCode()).isEqualTo(1);
    }

    @Test
    void bundlePush_secondPush_skipsEverything() throws Exception {
        Path bundle = fakeBundle(tmp.resolve("bundle"), "linktest-bundle");
        List<PushProgress> seen = Collections.synchronizedList(new ArrayList<>());
        BundlePusher pusher = new BundlePusher();
        PushReport first = pusher.push(device, bundle, seen::add);
        assertThat(first.pushed()).containsExactly("text_encoder.tflite", "unet/block_0.tflite", "vae_decoder.tflite",
                "manifest.json");
        assertThat(first.skipped()).isEmpty();
        assertThat(first.bytesPushed()).isEqualTo(70_000 + 50_000 + 20_000);
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(seen.size() - 1).totalBytesDone()).isEqualTo(140_000);

        PushReport second = pusher.push(device, bundle, PushListener.NONE);
        assertThat(second.pushed()).isEmpty();
        assertThat(second.skipped()).containsExactlyInAnyOrder("text_encoder.tflite", "unet/block_0.tflite",
                "vae_decoder.tflite", "manifest.json");
        assertThat(second.bytesPushed()).isZero();

        Path pulled = tmp.resolve("pulled/unet.tflite");
        device.pull(first.deviceDir() + "/unet/block_0.tflite", pulled);
        assertThat(Files.readAllBytes(pulled)).isEqualTo(Files.readAllBytes(bundle.resolve("unet/block_0.tflite")));
        Path manifest = tmp.resolve("pulled/manifest.json");
        device.pull(first.deviceDir() + "/manifest.json", manifest);
        assertThat(ManifestCodec.read(manifest)).isEqualTo(ManifestCodec.read(bundle.resolve("manifest.json")));
    }

    @Test
    void bundlePush_oneFileChanged_pushesOnlyItAndTheManifest() throws Exception {
        Path bundle = fakeBundle(tmp.resolve("bundle2"), "linktest-bundle2");
        BundlePusher pusher = new BundlePusher();
        pusher.push(device, bundle, PushListener.NONE);
        Files.write(bundle.resolve("vae_decoder.tflite"), modelBytes(20_000, 99));
        rewriteManifest(bundle, "linktest-bundle2");
        PushReport r = pusher.push(device, bundle, PushListener.NONE);
        assertThat(r.pushed()).containsExactly("vae_decoder.tflite", "manifest.json");
        assertThat(r.skipped()).containsExactlyInAnyOrder("text_encoder.tflite", "unet/block_0.tflite");
    }

    @Test
    void stream_echoLines_deliversLinesAndExitCode() throws Exception {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        RunningCommand c = device.stream(List.of("echo", "line one"), out::add, LineListener.NONE);
        assertThat(c.waitFor(Duration.ofSeconds(20))).isZero();
        assertThat(out).containsExactly("line one");
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        RunningCommand bad = device.stream(List.of("nosuchcommand"), LineListener.NONE, err::add);
        assertThat(bad.waitFor(Duration.ofSeconds(20))).isNotZero();
        assertThat(err).isNotEmpty();
    }

    @Test
    void metacharacterPath_isUsedLiterally_andNothingRuns() throws Exception {
        String pwned = T + "/pwned";
        String evil = T + "/meta/evil; touch x; mkdir -p " + pwned + " $(mkdir -p " + pwned + ") `mkdir -p " + pwned + "`";
        device.pushBytes("literal".getBytes(StandardCharsets.UTF_8), evil);
        assertThat(device.shell(List.of("test", "-f", evil)).exitCode()).isZero();
        assertThat(device.shell(List.of("cat", evil)).stdout()).isEqualTo("literal");
        Path pulled = tmp.resolve("evil.txt");
        device.pull(evil, pulled);
        assertThat(Files.readString(pulled)).isEqualTo("literal");
        assertThat(device.shell(List.of("test", "-e", pwned)).exitCode()).isEqualTo(1);
        assertThat(Files.exists(sandbox.resolve(evil.substring(1)))).isTrue();
        try (var files = Files.walk(sandbox)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("x", "pwned");
        }
        assertThat(device.shell(List.of("echo", "a;b", "$(id)")).stdout()).isEqualTo("a;b $(id)\n");
    }

    @Test
    void runnerClient_run_writesRequestAndEventsAndReportsOutcome() throws Exception {
        String outDir = DevicePaths.RUNS_DIR + "/linktest-run";
        RunRequest req = new RunRequest(DevicePaths.BUNDLES_DIR + "/none", outDir,
                "a cat; rm -rf / $(reboot) 'quoted'", "", 42, 2, 7.5, RunMode.WHOLE, 1, true, null);
        List<RunnerEvent> live = Collections.synchronizedList(new ArrayList<>());
        Path local = tmp.resolve("local-run");
        RunOutcome o = new RunnerClient().run(device, req, live::add, Duration.ofMinutes(2), local);
        assertThat(o.timedOut()).isFalse();
        assertThat(o.events()).isNotEmpty();
        assertThat(live).containsAll(o.events());
        assertThat(RunRequestCodec.parse(Files.readString(local.resolve("request.json")))).isEqualTo(req);
        assertThat(Files.readAllLines(local.resolve("events.jsonl"))).hasSize(o.events().size());
        // the prompt reached the device only inside request.json
        Path onDevice = tmp.resolve("req-back.json");
        device.pull(outDir + "/request.json", onDevice);
        assertThat(RunRequestCodec.parse(Files.readString(onDevice)).prompt()).isEqualTo(req.prompt());
        // there is no bundle at bundle_dir, so the runner must fail and say so with an error event
        assertThat(o.exitCode()).isPositive();
        assertThat(o.success()).isFalse();
        assertThat(o.events()).anyMatch(e -> e instanceof RunnerEvent.Error);
        assertThat(o.image()).isEmpty();
        assertThat(o.stderrTail()).hasSizeLessThanOrEqualTo(20);
        assertThat(o.protocolProblems()).isEmpty();
    }

    @Test
    void connect_noAdbServer_goesDirectOnAnotherPort() throws Exception {
        Path fakeAdb = Path.of("/bin/false");
        assumeTrue(Files.isExecutable(fakeAdb));
        int unusedPort;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            unusedPort = s.getLocalPort();
        }
        try (DeviceLink direct = DeviceLink.open(new LinkOptions(tmp.resolve("studio-direct"), unusedPort,
                Optional.of(fakeAdb), List.of(), tmp.resolve("no-android")))) {
            assertThat(direct.localServerAvailable()).isFalse();
            assertThat(direct.localServerProblem()).contains("exited");
            assertThat(direct.devices()).filteredOn(DeviceInfo::virtual).singleElement()
                    .extracting(DeviceInfo::state).isEqualTo("available");
            Device d = direct.connect(DeviceLink.VIRTUAL_SERIAL);
            assertThat(d.connectionPath()).isEqualTo(ConnectionPath.DIRECT);
            assertThat(d.shell(List.of("echo", "direct")).stdout()).isEqualTo("direct\n");
            assertThat(direct.devices()).filteredOn(DeviceInfo::virtual).singleElement()
                    .extracting(DeviceInfo::state).isEqualTo("device");
            direct.close();
            assertThatThrownBy(() -> d.shell(List.of("echo", "gone"))).isInstanceOf(DeviceGoneException.class);
        }
    }

    @Test
    void runnerClient_tinyTimeout_cancelsAndReportsTimedOut() throws Exception {
        String outDir = DevicePaths.RUNS_DIR + "/linktest-timeout";
        RunRequest req = new RunRequest(DevicePaths.BUNDLES_DIR + "/none", outDir, "p", "", 1, 1, 1, RunMode.WHOLE, 1,
                true, null);
        // starting the runner's JVM takes far longer than a millisecond
        RunOutcome o = new RunnerClient().run(device, req, e -> { }, Duration.ofMillis(1), tmp.resolve("timeout-run"));
        assertThat(o.timedOut()).isTrue();
        assertThat(o.exitCode()).isEqualTo(-1);
        assertThat(o.image()).isEmpty();
        assertThat(tmp.resolve("timeout-run/request.json")).exists();
        // the device is still usable after the cancelled stream
        assertThat(device.shell(List.of("true")).exitCode()).isZero();
    }

    @Test
    void stream_cancelled_waitForThrowsCancellation() throws Exception {
        RunningCommand c = device.stream(new RunnerClient().launchArgv(DevicePaths.RUNS_DIR + "/none/request.json"),
                LineListener.NONE, LineListener.NONE);
        c.cancel();
        assertThatThrownBy(() -> c.waitFor(Duration.ofSeconds(20)))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(c.isDone()).isTrue();
    }

    @Test
    void connect_unknownSerial_namesIt() {
        assertThatThrownBy(() -> link.connect("no-such-phone")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'no-such-phone'").hasMessageContaining("virtual");
    }

    @Test
    void bundlePush_localFileNotMatchingManifest_isRefusedAndNotInstalled() throws Exception {
        Path bundle = fakeBundle(tmp.resolve("bundle3"), "linktest-bundle3");
        Files.write(bundle.resolve("vae_decoder.tflite"), modelBytes(20_000, 12345));
        assertThatThrownBy(() -> new BundlePusher().push(device, bundle, PushListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vae_decoder.tflite")
                .hasMessageContaining("re-convert");
        String dir = DevicePaths.BUNDLES_DIR + "/linktest-bundle3";
        assertThat(device.shell(List.of("test", "-e", dir + "/manifest.json")).exitCode()).isEqualTo(1);
        assertThat(device.shell(List.of("test", "-e", dir + "/vae_decoder.tflite.part")).exitCode()).isEqualTo(1);
    }

    @Test
    void bundlePush_folderWithoutManifest_namesIt() {
        assertThatThrownBy(() -> new BundlePusher().push(device, tmp, PushListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no manifest.json");
    }

    @Test
    void watch_deviceConnectsAndDisconnects_reportsBothChanges() throws Exception {
        String serverKey = Files.readString(server.androidUserDir().resolve("adbkey.pub")).trim();
        java.util.concurrent.BlockingQueue<List<DeviceInfo>> updates = new java.util.concurrent.LinkedBlockingQueue<>();
        try (VirtualDevice other = VirtualDevice.start(new VirtualDeviceConfig(tmp.resolve("other-sandbox"), 0,
                List.of(serverKey), null));
             DeviceWatch w = link.watch(updates::add)) {
            assertThat(updates.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
            AdbServerClient c = new AdbServerClient("127.0.0.1", server.port);
            c.connect(other.address());
            assertThat(awaitList(updates, l -> l.stream().anyMatch(d -> d.serial().equals(other.address())
                    && d.state().equals("device") && d.server().equals("127.0.0.1:" + server.port)))).isTrue();
            c.disconnect(other.address());
            assertThat(awaitList(updates, l -> l.stream().noneMatch(d -> d.serial().equals(other.address())))).isTrue();
        }
    }

    private static boolean awaitList(java.util.concurrent.BlockingQueue<List<DeviceInfo>> q,
                                     java.util.function.Predicate<List<DeviceInfo>> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<DeviceInfo> l = q.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (l != null && wanted.test(l)) return true;
        }
        return false;
    }

    /** A bundle with three small fake model files and a manifest written by ManifestCodec. */
    private static Path fakeBundle(Path dir, String id) throws Exception {
        Files.createDirectories(dir.resolve("unet"));
        Files.write(dir.resolve("text_encoder.tflite"), modelBytes(70_000, id.hashCode()));
        Files.write(dir.resolve("unet/block_0.tflite"), modelBytes(50_000, id.hashCode() + 1));
        Files.write(dir.resolve("vae_decoder.tflite"), modelBytes(20_000, id.hashCode() + 2));
        rewriteManifest(dir, id);
        return dir;
    }

    private static void rewriteManifest(Path dir, String id) throws Exception {
        List<FileEntry> files = new ArrayList<>();
        for (String f : List.of("text_encoder.tflite", "unet/block_0.tflite", "vae_decoder.tflite")) {
            Path p = dir.resolve(f);
            files.add(new FileEntry(f, Sha256.of(p), Files.size(p)));
        }
        BundleManifest m = BundleManifest.builder().id(id).variant("snapfusion").source("demo").quantization("fp16")
                .predictionType("v_prediction").defaults(8, 7.5).latents(4, 8, 8, 0.18215)
                .tokenizer(77, "vocab.json", "merges.txt").timeEmbeddingDim(320).files(files).build();
        ManifestCodec.write(m, dir.resolve("manifest.json"));
    }
}
