package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dadb.AdbKeyPair;
import dadb.AdbShellResponse;
import dadb.Dadb;
import dev.snapfusion.runner.Abi;
import dev.snapfusion.runner.ElfHeader;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell running a file of the sandbox: an ELF for the device's ABI runs the benchmark_model emulation once it is
 * executable, and everything else fails as on a phone or is refused; the emulation takes the tool's flags and refuses
 * others, and its files stay in the sandbox. Test binaries are bare ELF headers: the emulation keys on the header.
 */
class BenchmarkLauncherTest {
    private static final String TOOLS = "/data/local/tmp/snapfusion/tools/t";

    @TempDir
    static Path tmp;
    static VirtualDevice device;
    static AdbKeyPair keys;

    @BeforeAll
    static void start() throws Exception {
        File priv = tmp.resolve("adbkey").toFile();
        File pub = tmp.resolve("adbkey.pub").toFile();
        AdbKeyPair.generate(priv, pub);
        keys = AdbKeyPair.read(priv, pub);
        device = VirtualDevice.start(new VirtualDeviceConfig(tmp.resolve("sandbox"), 0, List.of(Files.readString(pub.toPath())), null));
    }

    @AfterAll
    static void stop() {
        device.close();
    }

    private static Dadb connect() {
        return Dadb.create("127.0.0.1", device.port(), keys);
    }

    private static File elf(String name, int bits, int machine) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (bits == 64 ? 2 : 1), 1, 1});
        b.putShort(16, (short) ElfHeader.ET_DYN).putShort(18, (short) machine);
        return Files.write(tmp.resolve(name), b.array()).toFile();
    }

    private static int hostMachine() {
        return Abi.elfMachine(Abi.ofThisJvm()).orElseThrow();
    }

    @Test
    void shell_elfForTheDeviceAbiWithoutExecBit_permissionDenied126() throws Exception {
        try (Dadb d = connect()) {
            d.push(elf("plain", 64, hostMachine()), TOOLS + "/plain", 0644, 0);
            AdbShellResponse r = d.shell(TOOLS + "/plain --graph=/data/local/tmp/x.tflite");
            assertThat(r.getExitCode()).isEqualTo(126);
            assertThat(r.getErrorOutput()).isEqualTo("/system/bin/sh: " + TOOLS + "/plain: can't execute: Permission denied\n");
        }
    }

    @Test
    void shell_chmod755ThenAFlagTheToolLacks_emulationRefusesItLikeTheTool_exit1() throws Exception {
        try (Dadb d = connect()) {
            d.push(elf("bm", 64, hostMachine()), TOOLS + "/bm", 0644, 0);
            assertThat(d.shell("chmod 755 " + TOOLS + "/bm").getExitCode()).isZero();
            assertThat(Files.isExecutable(device.sandboxDir().resolve(TOOLS.substring(1) + "/bm"))).isTrue();
            AdbShellResponse r = d.shell(TOOLS + "/bm --graph=/data/local/tmp/x.tflite --use_gpu=true");
            assertThat(r.getExitCode()).isEqualTo(1);
            assertThat(r.getErrorOutput()).startsWith("ERROR: Unconsumed cmdline flags: --use_gpu=true\n");
        }
    }

    @Test
    void shell_elfForAnotherMachine_notExecutableLikeMksh126() throws Exception {
        int other = hostMachine() == ElfHeader.EM_X86_64 ? ElfHeader.EM_AARCH64 : ElfHeader.EM_X86_64;
        try (Dadb d = connect()) {
            d.push(elf("other", 64, other), TOOLS + "/other", 0755, 0);
            AdbShellResponse r = d.shell(TOOLS + "/other --graph=/data/local/tmp/x.tflite");
            assertThat(r.getExitCode()).isEqualTo(126);
            assertThat(r.getErrorOutput()).isEqualTo("/system/bin/sh: " + TOOLS + "/other: not executable: 64-bit ELF file\n");
        }
    }

    @Test
    void shell_executableScript_refusedNotRun() throws Exception {
        try (Dadb d = connect()) {
            File script = Files.writeString(tmp.resolve("s.sh"), "#!/system/bin/sh\ntouch /data/local/tmp/pwned\n").toFile();
            d.push(script, TOOLS + "/s.sh", 0755, 0);
            AdbShellResponse r = d.shell(TOOLS + "/s.sh");
            assertThat(r.getExitCode()).isEqualTo(ShellCommands.NOT_ALLOWED);
            assertThat(r.getErrorOutput()).contains("is not an ELF executable");
            assertThat(device.sandboxDir().resolve("data/local/tmp/pwned")).doesNotExist();
        }
    }

    @Test
    void shell_missingFileOrOutsideTheSandbox_notFoundOrRefused() throws Exception {
        try (Dadb d = connect()) {
            AdbShellResponse missing = d.shell(TOOLS + "/none --graph=/data/local/tmp/x.tflite");
            assertThat(missing.getExitCode()).isEqualTo(127);
            assertThat(missing.getErrorOutput()).isEqualTo("/system/bin/sh: " + TOOLS + "/none: inaccessible or not found\n");
            AdbShellResponse system = d.shell("/system/bin/ls");
            assertThat(system.getExitCode()).isEqualTo(ShellCommands.NOT_ALLOWED);
            assertThat(system.getErrorOutput()).startsWith("virtual device: not allowed: command '/system/bin/ls'");
        }
    }

    @Test
    void shell_profileCsvOutsideTheSandbox_refusedBeforeTheEmulationStarts() throws Exception {
        try (Dadb d = connect()) {
            d.push(elf("bm2", 64, hostMachine()), TOOLS + "/bm2", 0755, 0);
            AdbShellResponse r = d.shell(TOOLS + "/bm2 --graph=/data/local/tmp/x.tflite --enable_op_profiling=true "
                    + "--profiling_output_csv_file=/data/local/tmp/../../../etc/ops.csv");
            assertThat(r.getExitCode()).isEqualTo(1);
            assertThat(r.getErrorOutput()).startsWith("ERROR: ").contains("/etc/ops.csv");
        }
    }
}
