package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellCommandsTest {
    @TempDir
    Path tmp;
    DeviceContext context;
    Path dlt;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        context = new DeviceContext(new Sandbox(tmp.resolve("sb")), new AdbAuthorizer(List.of()), System.getProperty("java.class.path"));
        dlt = tmp.resolve("sb/data/local/tmp");
    }

    private Run run(String line) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ShellCommands.run(line, new ShellIo(out, err, hook -> { }), context);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void run_chainedCommand_notExecuted() throws Exception {
        Run r = run("echo hi; touch /data/local/tmp/pwned");
        assertThat(r.code()).isEqualTo(127);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("virtual device: not allowed: shell metacharacter ';'\n");
        assertThat(dlt.resolve("pwned")).doesNotExist();
    }

    @Test
    void run_chmod755OfAFile_makesItExecutable_folderOrWorldWritableModeRefused() throws Exception {
        Files.writeString(dlt.resolve("tool"), "x");
        assertThat(run("chmod 755 /data/local/tmp/tool").code()).isZero();
        assertThat(Files.isExecutable(dlt.resolve("tool"))).isTrue();
        Files.createDirectories(dlt.resolve("d"));
        Run folder = run("chmod 755 /data/local/tmp/d");
        assertThat(folder.code()).isEqualTo(1);
        assertThat(folder.err()).isEqualTo("chmod: /data/local/tmp/d: only files here\n");
        assertThat(run("chmod 757 /data/local/tmp/tool").code()).isEqualTo(127);
        assertThat(run("chmod +x /data/local/tmp/tool").code()).isEqualTo(127);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh -c 'echo hi'", "touch /data/local/tmp/x", "/system/bin/sh", "su", "cp /a /b", "chmod 777 /data/local/tmp",
        "FOO=1 echo hi", "CLASSPATH=/data/local/tmp/r.jar app_process / com.evil.Main", "app_process / dev.snapfusion.runner.RunnerMain",
        "LD_PRELOAD=/x CLASSPATH=/data/local/tmp/r.jar app_process / dev.snapfusion.runner.RunnerMain", "stat /data/local/tmp",
        "rm -x /data/local/tmp/a", "exit abc", "FOO=1"})
    void run_notOnAllowList_exit127(String line) throws Exception {
        Run r = run(line);
        assertThat(r.code()).as(r.err()).isEqualTo(127);
        assertThat(r.err()).startsWith("virtual device: not allowed: ");
    }

    @Test
    void run_echoTrueFalseExit_codesAndOutput() throws Exception {
        assertThat(run("echo a 'b c'")).isEqualTo(new Run(0, "a b c\n", ""));
        assertThat(run("echo -n x")).isEqualTo(new Run(0, "x", ""));
        assertThat(run("true").code()).isZero();
        assertThat(run("false").code()).isEqualTo(1);
        assertThat(run("exit 42").code()).isEqualTo(42);
        assertThat(run("exit 257").code()).isEqualTo(1);
    }

    @Test
    void run_getprop_knownKeysAndListing() throws Exception {
        assertThat(run("getprop ro.build.version.sdk").out()).isEqualTo("34\n");
        assertThat(run("getprop ro.product.cpu.abi").out()).isEqualTo(HostInfo.abi() + "\n");
        assertThat(run("getprop ro.kernel.qemu").out()).isEqualTo("\n");
        String all = run("getprop").out();
        assertThat(all).contains("[ro.product.model]: [SnapFusion Virtual Device (host CPU)]\n")
                .contains("[ro.product.manufacturer]: [SnapFusion]\n").doesNotContain("qemu");
    }

    @Test
    void run_fileCommands_workInsideSandbox() throws Exception {
        assertThat(run("mkdir -p /data/local/tmp/a/b").code()).isZero();
        assertThat(dlt.resolve("a/b")).isDirectory();
        Files.writeString(dlt.resolve("a/b/f.txt"), "hello");
        assertThat(run("cat /data/local/tmp/a/b/f.txt").out()).isEqualTo("hello");
        assertThat(run("stat -c %s /data/local/tmp/a/b/f.txt").out()).isEqualTo("5\n");
        assertThat(run("wc -c /data/local/tmp/a/b/f.txt").out()).isEqualTo("5 /data/local/tmp/a/b/f.txt\n");
        assertThat(run("test -f /data/local/tmp/a/b/f.txt").code()).isZero();
        assertThat(run("test -d /data/local/tmp/a/b/f.txt").code()).isEqualTo(1);
        assertThat(run("test -e /data/local/tmp/nope").code()).isEqualTo(1);
        assertThat(run("ls /data/local/tmp/a/b").out()).isEqualTo("f.txt\n");
        assertThat(run("ls -l /data/local/tmp/a/b").out()).matches("-rw-rw-rw- 1 shell shell 5 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d f.txt\n");
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("hello".getBytes(StandardCharsets.US_ASCII)));
        assertThat(run("sha256sum /data/local/tmp/a/b/f.txt").out()).isEqualTo(hex + "  /data/local/tmp/a/b/f.txt\n");
        assertThat(run("du -sk /data/local/tmp/a").out()).isEqualTo("12\t/data/local/tmp/a\n");
        assertThat(run("df -k /data/local/tmp").out()).startsWith("Filesystem     1K-blocks").contains("/data\n");
        assertThat(run("mv /data/local/tmp/a/b/f.txt /data/local/tmp/g.txt").code()).isZero();
        assertThat(dlt.resolve("g.txt")).hasContent("hello");
        assertThat(run("mv /data/local/tmp/g.txt /data/local/tmp/a").code()).isZero();
        assertThat(dlt.resolve("a/g.txt")).hasContent("hello");
        assertThat(run("rm /data/local/tmp/a").code()).isEqualTo(1);
        assertThat(run("rm -rf /data/local/tmp/a").code()).isZero();
        assertThat(dlt.resolve("a")).doesNotExist();
        assertThat(run("rm -f /data/local/tmp/a").code()).isZero();
        assertThat(run("rm /data/local/tmp/a").err()).isEqualTo("rm: /data/local/tmp/a: No such file or directory\n");
    }

    @Test
    void run_pathsOutsideSandbox_exit1WithMessage() throws Exception {
        Run cat = run("cat /etc/passwd");
        assertThat(cat.code()).isEqualTo(1);
        assertThat(cat.out()).isEmpty();
        assertThat(cat.err()).isEqualTo("cat: not allowed outside /data/local/tmp: /etc/passwd\n");
        assertThat(run("mkdir -p /data/local/tmp/../../evil").code()).isEqualTo(1);
        assertThat(tmp.resolve("sb/data/evil")).doesNotExist();
        assertThat(run("rm -rf /data/local/tmp").err()).contains("refusing to remove the sandbox root");
        assertThat(dlt).isDirectory();
        assertThat(run("mv /data/local/tmp/x /system/x").code()).isEqualTo(1);
    }

    @Test
    void run_rmRfThroughSymlink_keepsOutsideFiles() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "keep");
        Files.createDirectories(dlt.resolve("d"));
        Files.createSymbolicLink(dlt.resolve("d/link"), outside);
        assertThat(run("rm -rf /data/local/tmp/d").code()).isZero();
        assertThat(outside.resolve("keep.txt")).hasContent("keep");
        assertThat(dlt.resolve("d")).doesNotExist();
        Files.createSymbolicLink(dlt.resolve("link2"), outside);
        assertThat(run("cat /data/local/tmp/link2/keep.txt").err()).contains("symlink leads outside");
    }

    @Test
    void run_catProcMeminfo_hostDerivedText() throws Exception {
        assertThat(run("cat /proc/meminfo").out()).startsWith("MemTotal:").contains(" kB\n");
    }

    @Test
    void run_killForeignPid_refused() throws Exception {
        Run r = run("kill -9 1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("kill: 1: No such process\n");
    }

    @Test
    void run_pkillWithoutOwnRunners_matchesNothingAndForeignFormsRefused() throws Exception {
        Run none = run("pkill -9 -f /data/local/tmp/snapfusion/runs/r1/request.json");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).isEmpty();
        Run bare = run("pkill java");
        assertThat(bare.code()).isEqualTo(ShellCommands.NOT_ALLOWED);
        assertThat(bare.err()).contains("only 'pkill [-9] -f PATTERN'");
    }
}
