package dev.snapfusion.link;

import dev.snapfusion.runner.Abi;
import dev.snapfusion.runner.DevicePaths;
import dev.snapfusion.runner.ElfHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the user's own build of TFLite's benchmark_model on a device with op profiling (docs/op-profiles.md). The
 * binary is checked on the desktop first (an ELF executable for an ABI the device lists), pushed once per content hash
 * and verified like the runner ({@link VerifiedInstall}), and started through the same launch path as the runner: an
 * argv of studio-made paths and numbers ({@link BenchmarkRequest}), quoted by {@link ShellQuoting}, with a timeout and
 * a cancel. What it prints and its profile CSV come back into a local folder.
 *
 * <pre>{@code
 * BenchmarkModelClient bench = new BenchmarkModelClient(HashCache.none());
 * BenchmarkHandle h = bench.start(device, new BenchmarkRequest(Path.of("benchmark_model"),
 *         DevicePaths.BUNDLES_DIR + "/" + id + "/unet.tflite", 4, 10, false, DevicePaths.RUNS_DIR + "/" + runId),
 *         Duration.ofMinutes(10), Path.of("runs", runId));
 * BenchmarkOutcome o = h.await();
 * if (o.success()) System.out.println(o.csv().orElseThrow());
 * }</pre>
 * Stateless apart from its hash cache; thread-safe.
 */
public final class BenchmarkModelClient {
    public static final String TOOL = "benchmark_model";
    /** What the tool printed, stdout and stderr in the order they came. */
    public static final String OUTPUT_FILE = "benchmark_model.txt";
    /** Its {@code --profiling_output_csv_file}. */
    public static final String CSV_FILE = "ops.csv";
    /**
     * {@code --max_profiling_buffer_entries}: the tool's default of 1024 events drops the ops of a whole UNet (a few
     * thousand nodes); each entry costs the profiler a few dozen bytes.
     */
    static final int PROFILE_BUFFER_ENTRIES = 100_000;
    static final int OUTPUT_TAIL = 20;
    private static final int HASH_PREFIX = 12;

    private final HashCache hashes;

    public BenchmarkModelClient(HashCache hashes) {
        this.hashes = hashes;
    }

    /**
     * Checks that {@code binary} can run on a device with these ABIs: an ELF executable whose {@code e_machine} and class
     * are those of one of them. Reads only the file's first bytes.
     *
     * @throws IllegalArgumentException naming the file, what it is and what the device needs
     */
    public static ElfHeader checkBinary(Path binary, List<String> abis, String serial) {
        String needs = "TFLite's " + TOOL + " built for " + needs(abis);
        if (!Files.isRegularFile(binary)) throw new IllegalArgumentException(binary + ": no such file; " + serial + " needs " + needs);
        ElfHeader elf;
        try {
            var header = ElfHeader.read(binary);
            if (header.isEmpty()) {
                throw new IllegalArgumentException(binary + " is not an ELF executable (" + sniff(binary) + "); " + serial
                        + " needs " + needs);
            }
            elf = header.get();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + binary + ": " + e.getMessage(), e);
        }
        if (!elf.executable()) {
            throw new IllegalArgumentException(binary + " is a " + elf.describe() + ", not an executable; " + serial + " needs " + needs);
        }
        if (elf.abi().filter(abis::contains).isEmpty()) {
            throw new IllegalArgumentException(binary + " is a " + elf.describe() + ", but " + serial + " runs "
                    + String.join(", ", abis) + "; it needs " + needs);
        }
        return elf;
    }

    /** "arm64-v8a (ELF e_machine 183) or armeabi-v7a (ELF e_machine 40)". */
    private static String needs(List<String> abis) {
        if (abis.isEmpty()) return "the device's ABI (it reported none)";
        return abis.stream().map(a -> a + Abi.elfMachine(a).map(m -> " (ELF e_machine " + m + ")").orElse(""))
                .collect(Collectors.joining(" or "));
    }

    /** What a file that is not ELF looks like, for the message. */
    private static String sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        if (head.length == 0) return "it is empty";
        if (head.length >= 2 && head[0] == '#' && head[1] == '!') return "it is a script";
        if (head.length >= 2 && head[0] == 'P' && head[1] == 'K') return "it is a zip archive, such as an .apk or .aar";
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, head.length); i++) hex.append(String.format(" %02x", head[i] & 0xff));
        return "it starts with bytes" + hex + ", not 7f 45 4c 46";
    }

    /** The device folder of this binary: one per content, so a new build never overwrites one in use. */
    static String installDir(String sha256) {
        return DevicePaths.TOOLS_DIR + "/" + TOOL + "-" + sha256.substring(0, HASH_PREFIX);
    }

    /**
     * Checks the binary against the device's ABIs, then puts it on the device unless the verified copy is there.
     *
     * @return the executable's device path
     */
    public String install(Device d, Path binary) {
        checkBinary(binary, d.facts().abis(), d.serial());
        String dir = installDir(hashes.sha256(binary));
        new VerifiedInstall(hashes).ensure(d, dir, Map.of(TOOL, binary), Set.of(TOOL));
        return dir + "/" + TOOL;
    }

    /** The tool's command line: the installed executable, then only the request's checked paths and numbers. */
    static List<String> argv(String executable, BenchmarkRequest r) {
        return List.of(executable, "--graph=" + r.graph(), "--num_threads=" + r.threads(), "--num_runs=" + r.runs(),
                "--use_xnnpack=" + r.xnnpack(), "--enable_op_profiling=true",
                "--max_profiling_buffer_entries=" + PROFILE_BUFFER_ENTRIES,
                "--profiling_output_csv_file=" + r.outDir() + "/" + CSV_FILE);
    }

    /**
     * Checks and installs the binary, creates the device output folder and starts the tool; {@link BenchmarkHandle#await()}
     * collects the outcome into {@code localDir}. Nothing reaches the device when the binary is refused.
     */
    public BenchmarkHandle start(Device d, BenchmarkRequest r, Duration timeout, Path localDir) {
        String executable = install(d, r.binary());
        ShellResult mk = d.shell(List.of("mkdir", "-p", r.outDir()));
        if (!mk.ok()) {
            throw new TransferException("cannot create " + r.outDir() + " on " + d.serial() + ": " + mk.stderr().strip(), null, false);
        }
        return new BenchmarkHandle(d, argv(executable, r), r.outDir(), timeout, localDir);
    }
}
