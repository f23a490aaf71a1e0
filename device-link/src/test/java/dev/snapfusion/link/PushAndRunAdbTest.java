package dev.snapfusion.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snapfusion.link.virtual.VirtualDevice;
import dev.snapfusion.link.virtual.VirtualDeviceConfig;
import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.RunnerMain;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.FileEntry;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push integrity, resume after an unplug, several devices at once, device storage and runner control,
 * through Debian's real adb server to virtual devices that the server reaches like Wi-Fi phones (so
 * they count as real devices: the runner is deployed to them). Their runner is a stand-in compiled here
 * that prints a hello event, then either dies with stderr lines or sleeps until killed.
 */
@Tag("adb")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushAndRunAdbTest {
    @TempDir
    static Path tmp;
    private AdbTestServer server;
    private DeviceLink link;
    private String serverKey;
    private Path fakeRunner;

    @BeforeAll
    void start() throws Exception {
        Optional<Path> adb = AdbTestServer.findAdb();
        assumeTrue(adb.isPresent(), "adb not installed");
        server = AdbTestServer.start(adb.get(), tmp.resolve("home"));
        serverKey = Files.readString(server.androidUserDir().resolve("adbkey.pub")).trim();
        link = DeviceLink.open(new LinkOptions(tmp.resolve("studio"), server.port, adb, List.of(), server.androidUserDir()));
        fakeRunner = compileFakeRunner();
    }

    @AfterAll
    void stop() throws Exception {
        if (link != null) link.close();
        if (server != null) server.close();
    }

    private static Path compileFakeRunner() throws Exception {
        String hello = RunnerEventWriter.toLine(new RunnerEvent.Hello(1, "fake", "none", "virtual", "x86_64"))
                .replace("\\", "\\\\").replace("\"", "\\\"");
        String src = """
                package dev.snapfusion.runner;
                public final class RunnerMain {
                    public static void main(String[] a) throws Exception {
                        System.out.println("%s");
                        System.out.flush();
                        String req = java.nio.file.Files.readString(java.nio.file.Path.of(System.getenv("SNAPFUSION_SYSROOT") + a[1]));
                        if (req.contains("die-now")) {
                            for (int i = 1; i <= 30; i++) System.err.println("trace line " + i);
                            System.err.flush();
                            System.exit(3);
                        }
                        Thread.sleep(300_000);
                    }
                }
                """.formatted(hello);
        Path file = Files.createDirectories(tmp.resolve("fake/src/dev/snapfusion/runner")).resolve("RunnerMain.java");
        Files.writeString(file, src);
        Path classes = Files.createDirectories(tmp.resolve("fake/classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", classes.toString(), file.toString())).isZero();
        return classes;
    }

    private VirtualDevice startDevice(String name, int port) throws Exception {
        return VirtualDevice.start(new VirtualDeviceConfig(tmp.resolve(name), port, List.of(serverKey), fakeRunner.toString()));
    }

    /** Connects the server to the device and returns it as the link sees it: a device on the local server. */
    private Device attach(VirtualDevice v) throws Exception {
        AdbServerClient c = new AdbServerClient("127.0.0.1", server.port);
        c.connect(v.address());
        assertThat(c.awaitState(v.address(), "device", Duration.ofSeconds(20))).isEqualTo("device");
        Device d = link.connect(v.address());
        assertThat(d.isVirtual()).isFalse();
        return d;
    }

    private static Path onDevice(VirtualDevice v, String devicePath) {
        return v.sandboxDir().resolve(devicePath.substring(1));
    }

    @Test
    void push_unplugMidPush_leavesNothingLoadableAndNextPushCompletes() throws Exception {
        Path bundle = TestBundles.make(tmp.resolve("big"), "resume-bundle",
                TestBundles.sizes("a_text.tflite", 3_000_000, "b_unet.tflite", 48_000_000, "c_vae.tflite", 2_000_000));
        VirtualDevice v = startDevice("resume-sandbox", 0);
        int port = v.port();
        String serial = v.address();
        Device d = attach(v);
        BlockingQueue<List<DeviceInfo>> updates = new LinkedBlockingQueue<>();
        try (DeviceWatch w = link.watch(updates::add)) {
            AtomicBoolean killed = new AtomicBoolean();
            assertThatThrownBy(() -> new BundlePusher().push(d, bundle, p -> {
                if (p.file().equals("b_unet.tflite") && p.fileBytesDone() > 8_000_000 && killed.compareAndSet(false, true)) {
                    v.close(); // the unplug
                }
            })).isInstanceOf(LinkException.class);
            assertThat(killed).isTrue();

            String dir = DevicePaths.BUNDLES_DIR + "/resume-bundle";
            Path local = onDevice(v, dir);
            assertThat(local.resolve("manifest.json")).doesNotExist();
            assertThat(local.resolve(BundlePusher.MARKER)).doesNotExist();
            BundleManifest m = ManifestCodec.read(bundle.resolve("manifest.json"));
            for (FileEntry f : m.files()) {
                Path p = local.resolve(f.path());
                if (Files.exists(p)) assertThat(Sha256.of(p)).as("%s under its final name", f.path()).isEqualTo(f.sha256());
            }
            assertThat(local.resolve("a_text.tflite")).exists(); // verified before the unplug
            assertThat(local.resolve("b_unet.tflite")).doesNotExist();

            // adb 29's track-devices says nothing when a TCP device drops and the server starts reconnecting;
            // the broken push made the link refresh its watches, and the server's list says offline.
            assertThat(awaitList(updates, l -> l.stream().anyMatch(x -> x.serial().equals(serial)
                    && x.state().equals("offline")))).as("watch reports %s offline", serial).isTrue();
            VirtualDevice back = startDevice("resume-sandbox", port);
            try {
                new AdbServerClient("127.0.0.1", server.port).connect(serial);
                assertThat(awaitList(updates, l -> l.stream().anyMatch(x -> x.serial().equals(serial) && x.online())))
                        .as("server sees %s come back", serial).isTrue();
                // what an interrupted push can leave: our .part and adbd's hidden temporaries; the next push removes them
                Files.writeString(local.resolve("b_unet.tflite.part"), "partial");
                Files.writeString(local.resolve(".c_vae.tflite.part.12345"), "partial");
                Files.writeString(local.resolve(".b_unet.tflite.vdev-0f1e"), "partial");
                Files.writeString(local.resolve("notes.txt"), "not ours to delete");
                long before = System.currentTimeMillis();
                PushReport r = new BundlePusher().push(d, bundle, PushListener.NONE);
                assertThat(local.resolve("b_unet.tflite.part")).doesNotExist();
                assertThat(local.resolve(".c_vae.tflite.part.12345")).doesNotExist();
                assertThat(local.resolve(".b_unet.tflite.vdev-0f1e")).doesNotExist();
                assertThat(local.resolve("notes.txt")).exists();
                // files pushed from bytes (manifest, marker) carry the time of the push, not 1970
                assertThat(Files.getLastModifiedTime(local.resolve(BundlePusher.MARKER)).toMillis()).isGreaterThan(before - 5_000);
                assertThat(r.skipped()).contains("a_text.tflite");
                assertThat(r.pushed()).contains("b_unet.tflite", "c_vae.tflite", "manifest.json");
                for (FileEntry f : m.files()) assertThat(Sha256.of(local.resolve(f.path()))).isEqualTo(f.sha256());
                assertThat(Files.readString(local.resolve(BundlePusher.MARKER)).strip()).isEqualTo(Sha256.of(bundle.resolve("manifest.json")));
            } finally {
                back.close();
            }
        }
    }

    @Test
    void push_unchangedBundle_oneShellCallNothingSentNoRehash() throws Exception {
        Path bundle = TestBundles.make(tmp.resolve("same"), "same-bundle",
                TestBundles.sizes("x.tflite", 400_000, "sub/y.tflite", 300_000));
        try (VirtualDevice v = startDevice("same-sandbox", 0)) {
            Device d = attach(v);
            HashCache cache = HashCache.open(tmp.resolve("cache/sha256.json"));
            PushReport first = new BundlePusher(cache).push(d, bundle, PushListener.NONE);
            assertThat(first.pushed()).containsExactlyInAnyOrder("x.tflite", "sub/y.tflite", "manifest.json");
            assertThat(cache.misses()).isEqualTo(2);

            CountingDevice counting = new CountingDevice(d);
            HashCache reopened = HashCache.open(tmp.resolve("cache/sha256.json"));
            PushReport again = new BundlePusher(reopened).push(counting, bundle, PushListener.NONE);
            assertThat(again.pushed()).isEmpty();
            assertThat(again.skipped()).containsExactlyInAnyOrder("x.tflite", "sub/y.tflite", "manifest.json");
            assertThat(counting.shells.get()).isEqualTo(1);
            assertThat(counting.pushes.get()).isZero();
            assertThat(reopened.misses()).isZero();

            // a device copy changed behind the studio's back is noticed once the marker is gone
            Path y = onDevice(v, first.deviceDir() + "/sub/y.tflite");
            Files.write(y, new byte[300_000]);
            Files.delete(onDevice(v, first.deviceDir() + "/" + BundlePusher.MARKER));
            PushReport repaired = new BundlePusher(reopened).push(d, bundle, PushListener.NONE);
            assertThat(repaired.pushed()).containsExactly("sub/y.tflite", "manifest.json");
            assertThat(Sha256.of(y)).isEqualTo(Sha256.of(bundle.resolve("sub/y.tflite")));
            assertThat(reopened.misses()).as("only the pushed file is checked, from the cache").isZero();
        }
    }

    @Test
    void push_localFileChangedButManifestNot_refusedBeforeSending() throws Exception {
        Path bundle = TestBundles.make(tmp.resolve("bad"), "bad-bundle", TestBundles.sizes("x.tflite", 100_000));
        Files.write(bundle.resolve("x.tflite"), new byte[100_000]);
        try (VirtualDevice v = startDevice("bad-sandbox", 0)) {
            CountingDevice d = new CountingDevice(attach(v));
            assertThatThrownBy(() -> new BundlePusher().push(d, bundle, PushListener.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.tflite").hasMessageContaining("re-convert");
            assertThat(d.pushes.get()).isZero();
        }
    }

    @Test
    void multiPush_twoDevices_bothCompleteWithProgressEach() throws Exception {
        Path bundle = TestBundles.make(tmp.resolve("multi"), "multi-bundle",
                TestBundles.sizes("x.tflite", 2_000_000, "y.tflite", 1_000_000));
        try (VirtualDevice a = startDevice("multi-a", 0); VirtualDevice b = startDevice("multi-b", 0)) {
            Device da = attach(a);
            Device db = attach(b);
            Map<String, Long> last = new ConcurrentHashMap<>();
            List<MultiPush.Result> rs = new MultiPush(new BundlePusher()).push(List.of(da, db), bundle,
                    (serial, p) -> last.merge(serial, p.totalBytesDone(), Math::max));
            assertThat(rs).extracting(MultiPush.Result::serial).containsExactly(a.address(), b.address());
            assertThat(rs).allSatisfy(r -> {
                assertThat(r.ok()).isTrue();
                assertThat(r.report().get().pushed()).containsExactlyInAnyOrder("x.tflite", "y.tflite", "manifest.json");
            });
            assertThat(last).containsOnlyKeys(a.address(), b.address()).containsValues(3_000_000L, 3_000_000L);
            for (VirtualDevice v : List.of(a, b)) {
                assertThat(onDevice(v, DevicePaths.BUNDLES_DIR + "/multi-bundle/manifest.json"))
                        .hasSameBinaryContentAs(bundle.resolve("manifest.json"));
            }
        }
    }

    @Test
    void storage_listAndDelete_bundlesAndRunsWithSizes() throws Exception {
        Path bundle = TestBundles.make(tmp.resolve("store"), "store-bundle", TestBundles.sizes("x.tflite", 200_000));
        try (VirtualDevice v = startDevice("store-sandbox", 0)) {
            Device d = attach(v);
            assertThat(DeviceStorage.list(d)).isEmpty();
            new BundlePusher().push(d, bundle, PushListener.NONE);
            d.shell(List.of("mkdir", "-p", DevicePaths.BUNDLES_DIR + "/half-bundle"));
            d.pushBytes(new byte[50_000], DevicePaths.RUNS_DIR + "/run-1/image.png");
            d.pushBytes(new byte[10], DevicePaths.RUNS_DIR + "/run-2/request.json");
            List<DeviceStorage.Item> items = DeviceStorage.list(d);
            assertThat(items).extracting(DeviceStorage.Item::kind, DeviceStorage.Item::id, DeviceStorage.Item::complete)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(DeviceStorage.Kind.BUNDLE, "half-bundle", false),
                            org.assertj.core.groups.Tuple.tuple(DeviceStorage.Kind.BUNDLE, "store-bundle", true),
                            org.assertj.core.groups.Tuple.tuple(DeviceStorage.Kind.RUN, "run-1", true),
                            org.assertj.core.groups.Tuple.tuple(DeviceStorage.Kind.RUN, "run-2", true));
            assertThat(items.get(1).bytes()).isGreaterThanOrEqualTo(200_000);
            assertThat(items.get(2).bytes()).isGreaterThanOrEqualTo(50_000);

            DeviceStorage.deleteBundle(d, "store-bundle");
            assertThat(onDevice(v, DevicePaths.BUNDLES_DIR + "/store-bundle")).doesNotExist();
            assertThat(DeviceStorage.deleteRuns(d)).isEqualTo(2);
            assertThat(DeviceStorage.list(d)).extracting(DeviceStorage.Item::id).containsExactly("half-bundle");
            assertThatThrownBy(() -> DeviceStorage.deleteBundle(d, "../runs")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'../runs'");
            assertThatThrownBy(() -> DeviceStorage.deleteBundle(d, "nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no bundle 'nope'");
        }
    }

    private RunnerClient runnerClient() throws Exception {
        Path jar = tmp.resolve("runner-files/runner.jar");
        Path so = tmp.resolve("runner-files/libtensorflowlite_jni.so");
        if (!Files.exists(jar)) {
            Files.createDirectories(jar.getParent());
            Files.write(jar, "stand-in jar".getBytes());
            Files.write(so, "stand-in so".getBytes());
        }
        return new RunnerClient(Optional.of(new RunnerFiles(RunnerMain.VERSION,
                Map.of("runner.jar", jar, "libtensorflowlite_jni.so", so))), HashCache.none());
    }

    private static RunRequest request(String id, String prompt) {
        return new RunRequest(DevicePaths.BUNDLES_DIR + "/none", DevicePaths.RUNS_DIR + "/" + id, prompt, "", 1, 1, 1,
                RunMode.WHOLE, 1, true, null);
    }

    private static List<ProcessHandle> runnersWith(String text) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().commandLine().map(c -> c.contains("dev.snapfusion.runner.RunnerMain")
                    && c.contains(text)).orElse(false)).toList();
        }
    }

    @Test
    void run_cancelAfterFirstEvent_killsRemoteRunnerNoOrphan() throws Exception {
        try (VirtualDevice v = startDevice("cancel-sandbox", 0)) {
            CountingDevice d = new CountingDevice(attach(v));
            RunnerClient client = runnerClient();
            CountDownLatch hello = new CountDownLatch(1);
            RunHandle h = client.start(d, request("cancel-run", "sleep please"), e -> hello.countDown(),
                    Duration.ofMinutes(5), tmp.resolve("cancel-local"));
            assertThat(hello.await(60, TimeUnit.SECONDS)).as("first event streamed live").isTrue();
            assertThat(runnersWith("cancel-run")).hasSize(1);
            h.cancel();
            RunOutcome o = h.await();
            assertThat(o.cancelled()).isTrue();
            assertThat(o.timedOut()).isFalse();
            assertThat(o.success()).isFalse();
            assertThat(o.events()).hasSize(1).first().isInstanceOf(RunnerEvent.Hello.class);
            assertThat(tmp.resolve("cancel-local/events.jsonl")).exists();
            assertThat(awaitTrue(() -> runnersWith("cancel-run").isEmpty())).as("no orphan runner").isTrue();

            // the runner files went up once, verified; a second run finds the marker and pushes nothing
            String dir = DevicePaths.RUNNER_DIR + "/" + RunnerMain.VERSION;
            assertThat(onDevice(v, dir + "/runner.jar")).hasContent("stand-in jar");
            assertThat(onDevice(v, dir + "/libtensorflowlite_jni.so")).hasContent("stand-in so");
            int pushesBefore = d.pushes.get();
            RunOutcome timed = client.run(d, request("timeout-run", "sleep"), e -> { }, Duration.ofSeconds(3),
                    tmp.resolve("timeout-local"));
            assertThat(d.pushes.get() - pushesBefore).as("only request.json").isEqualTo(1);
            assertThat(timed.timedOut()).isTrue();
            assertThat(timed.cancelled()).isFalse();
            assertThat(awaitTrue(() -> runnersWith("timeout-run").isEmpty())).as("no orphan after timeout").isTrue();
        }
    }

    /** The workbench's Cancel interrupts the worker that waits in run(): the runner on the device must stop too. */
    @Test
    void run_waitingThreadInterrupted_killsRemoteRunnerAndSaysSo() throws Exception {
        try (VirtualDevice v = startDevice("interrupt-sandbox", 0)) {
            Device d = attach(v);
            RunnerClient client = runnerClient();
            CountDownLatch hello = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
            Thread worker = new Thread(() -> {
                try {
                    client.run(d, request("interrupt-run", "sleep please"), e -> hello.countDown(), Duration.ofMinutes(5),
                            tmp.resolve("interrupt-local"));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "generate-worker");
            worker.start();
            assertThat(hello.await(60, TimeUnit.SECONDS)).as("first event streamed live").isTrue();
            assertThat(runnersWith("interrupt-run")).hasSize(1);

            worker.interrupt();
            worker.join(30_000);
            assertThat(worker.isAlive()).as("run() returned after the interrupt").isFalse();
            assertThat(thrown.get()).isInstanceOf(TransferException.class).hasMessageContaining("interrupted");
            assertThat(awaitTrue(() -> runnersWith("interrupt-run").isEmpty())).as("no orphan runner").isTrue();
        }
    }

    @Test
    void run_runnerDies_exitCodeAndLastStderrLines() throws Exception {
        try (VirtualDevice v = startDevice("die-sandbox", 0)) {
            Device d = attach(v);
            List<RunnerEvent> live = Collections.synchronizedList(new ArrayList<>());
            RunOutcome o = runnerClient().run(d, request("die-run", "die-now"), live::add, Duration.ofMinutes(2),
                    tmp.resolve("die-local"));
            assertThat(o.exitCode()).isEqualTo(3);
            assertThat(o.success()).isFalse();
            assertThat(o.stderrTail()).hasSize(RunnerClient.STDERR_TAIL).last().isEqualTo("trace line 30");
            assertThat(live).hasSize(1);
            assertThat(tmp.resolve("die-local/request.json")).exists();
        }
    }

    private static boolean awaitTrue(java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (c.getAsBoolean()) return true;
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean awaitList(BlockingQueue<List<DeviceInfo>> q, Predicate<List<DeviceInfo>> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<DeviceInfo> l = q.poll(500, TimeUnit.MILLISECONDS);
            if (l != null && wanted.test(l)) return true;
        }
        return false;
    }
}
