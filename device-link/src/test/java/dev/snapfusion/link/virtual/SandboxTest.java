package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {
    @TempDir
    Path tmp;
    Path root;
    Sandbox sandbox;

    @BeforeEach
    void setUp() throws Exception {
        root = tmp.resolve("sandbox");
        sandbox = new Sandbox(root);
    }

    @Test
    void constructor_createsAllowedTree() {
        assertThat(root.resolve("data/local/tmp")).isDirectory();
    }

    @Test
    void normalize_dotsAndSlashes_collapsed() throws Exception {
        assertThat(Sandbox.normalize("/data//local/./tmp/a/../b/")).isEqualTo("/data/local/tmp/b");
        assertThat(Sandbox.normalize("/")).isEqualTo("/");
    }

    @Test
    void normalize_escapeAboveRoot_refused() {
        assertThatThrownBy(() -> Sandbox.normalize("/data/../../etc/passwd")).hasMessageContaining("escapes the root");
    }

    @Test
    void normalize_relativeOrNul_refused() {
        assertThatThrownBy(() -> Sandbox.normalize("data/local/tmp/x")).hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> Sandbox.normalize("/data/local/tmp/x\0y")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> Sandbox.normalize("")).hasMessageContaining("empty");
    }

    @Test
    void resolve_insideAllowed_mapsUnderSandbox() throws Exception {
        assertThat(sandbox.resolve("/data/local/tmp/snapfusion/x.bin")).isEqualTo(root.toAbsolutePath().resolve("data/local/tmp/snapfusion/x.bin"));
        assertThat(sandbox.resolve("/data/local/tmp")).isEqualTo(root.toAbsolutePath().resolve("data/local/tmp"));
    }

    @Test
    void resolve_dotDotOutOfAllowed_refused() {
        assertThatThrownBy(() -> sandbox.resolve("/data/local/tmp/../tmp2/x")).hasMessageContaining("not allowed outside /data/local/tmp");
        assertThatThrownBy(() -> sandbox.resolve("/data/local/tmpfoo")).hasMessageContaining("not allowed outside");
    }

    @Test
    void resolve_absoluteOutside_refused() {
        assertThatThrownBy(() -> sandbox.resolve("/etc/passwd")).hasMessageContaining("/etc/passwd");
        assertThatThrownBy(() -> sandbox.resolve("/system/bin/sh")).isInstanceOf(Sandbox.SandboxException.class);
    }

    @Test
    void resolve_symlinkToOutside_refused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "s");
        Files.createSymbolicLink(root.resolve("data/local/tmp/link"), outside);
        assertThatThrownBy(() -> sandbox.resolve("/data/local/tmp/link/secret")).hasMessageContaining("symlink leads outside");
        assertThatThrownBy(() -> sandbox.resolve("/data/local/tmp/link/new-file")).hasMessageContaining("symlink leads outside");
        assertThatThrownBy(() -> sandbox.resolve("/data/local/tmp/link")).hasMessageContaining("symlink leads outside");
    }

    @Test
    void resolve_danglingSymlink_refused() throws Exception {
        Files.createSymbolicLink(root.resolve("data/local/tmp/dangling"), tmp.resolve("nowhere/file"));
        assertThatThrownBy(() -> sandbox.resolve("/data/local/tmp/dangling")).hasMessageContaining("dangling symlink");
    }

    @Test
    void resolve_symlinkInsideSandbox_allowed() throws Exception {
        Path real = Files.createDirectories(root.resolve("data/local/tmp/real"));
        Files.createSymbolicLink(root.resolve("data/local/tmp/alias"), real);
        assertThat(sandbox.resolve("/data/local/tmp/alias/f")).isEqualTo(root.toAbsolutePath().resolve("data/local/tmp/alias/f"));
    }

    @Test
    void pseudoFile_procFiles_servedOthersNot() {
        assertThat(new String(Sandbox.pseudoFile("/proc/meminfo"))).startsWith("MemTotal:");
        assertThat(new String(Sandbox.pseudoFile("/proc/./cpuinfo"))).contains("processor");
        assertThat(Sandbox.pseudoFile("/proc/self/environ")).isNull();
    }
}
