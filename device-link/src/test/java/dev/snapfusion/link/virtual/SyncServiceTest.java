package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync service on plain byte arrays: requests built by hand, every reply field checked, then the end of the reply. */
class SyncServiceTest {
    @TempDir
    Path tmp;
    Path dlt;
    SyncService sync;
    ByteArrayOutputStream request = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        Sandbox sandbox = new Sandbox(tmp.resolve("sb"));
        dlt = tmp.resolve("sb/data/local/tmp");
        sync = new SyncService(sandbox);
    }

    private SyncServiceTest msg(String id, int arg) {
        request.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(SyncProtocol.id(id)).putInt(arg).array());
        return this;
    }

    private SyncServiceTest msg(String id, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        msg(id, p.length);
        request.writeBytes(p);
        return this;
    }

    private SyncServiceTest data(byte[] d) {
        msg("DATA", d.length);
        request.writeBytes(d);
        return this;
    }

    private ByteBuffer serve() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sync.serve(new DataInputStream(new ByteArrayInputStream(request.toByteArray())), out);
        return ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String id(ByteBuffer b) {
        return SyncProtocol.name(b.getInt());
    }

    private static String text(ByteBuffer b, int n) {
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    @Test
    void send_chunksThenDone_okayAndFileWithMtime() throws Exception {
        ByteBuffer r = msg("SEND", "/data/local/tmp/x/f.bin,33188").data(new byte[] {1, 2}).data(new byte[] {3}).msg("DONE", 1_600_000_000)
                .msg("QUIT", 0).serve();
        assertThat(id(r)).isEqualTo("OKAY");
        assertThat(r.getInt()).isZero();
        assertThat(r.remaining()).isZero();
        Path f = dlt.resolve("x/f.bin");
        assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
        assertThat(Files.getLastModifiedTime(f)).isEqualTo(FileTime.from(1_600_000_000L, TimeUnit.SECONDS));
        try (Stream<Path> s = Files.list(dlt.resolve("x"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("f.bin"); // no temp file left
        }
    }

    @Test
    void send_pathWithComma_splitsAtLastComma() throws Exception {
        ByteBuffer r = msg("SEND", "/data/local/tmp/a,b.txt,420").data("x".getBytes(StandardCharsets.US_ASCII)).msg("DONE", 0).serve();
        assertThat(id(r)).isEqualTo("OKAY");
        assertThat(dlt.resolve("a,b.txt")).hasContent("x");
    }

    @Test
    void send_outsideSandbox_failOnlyAfterDone() throws Exception {
        ByteBuffer r = msg("SEND", "/data/local/tmp/../../etc/x,420").data(new byte[10]).msg("DONE", 0).msg("STAT", "/data/local/tmp").serve();
        assertThat(id(r)).isEqualTo("FAIL");
        String m = text(r, r.getInt());
        assertThat(m).isEqualTo("not allowed outside /data/local/tmp: /data/local/tmp/../../etc/x");
        assertThat(id(r)).isEqualTo("STAT"); // the session goes on after a FAIL for SEND
        assertThat(r.getInt() & 0170000).isEqualTo(0040000);
        r.getInt();
        r.getInt();
        assertThat(r.remaining()).isZero();
        assertThat(tmp.resolve("sb/etc")).doesNotExist();
    }

    @Test
    void send_symlinkMode_refused() throws Exception {
        ByteBuffer r = msg("SEND", "/data/local/tmp/l," + 0120777).data("/etc".getBytes(StandardCharsets.US_ASCII)).msg("DONE", 0).serve();
        assertThat(id(r)).isEqualTo("FAIL");
        assertThat(text(r, r.getInt())).contains("symlinks");
        assertThat(dlt.resolve("l")).doesNotExist();
    }

    @Test
    void send_oversizeData_protocolErrorAndNoFile() {
        msg("SEND", "/data/local/tmp/big,420").msg("DATA", 64 * 1024 + 1);
        assertThatThrownBy(this::serve).isInstanceOf(AdbProtocolException.class).hasMessageContaining("DATA");
        assertThat(dlt.resolve("big")).doesNotExist();
        assertThat(dlt.toFile().list()).isEmpty();
    }

    @Test
    void send_streamEndsBeforeDone_noFileLeft() {
        msg("SEND", "/data/local/tmp/half,420").data(new byte[100]);
        assertThatThrownBy(this::serve).isInstanceOf(AdbProtocolException.class).hasMessageContaining("ended inside SEND");
        assertThat(dlt.toFile().list()).isEmpty();
    }

    @Test
    void recv_largeFile_dataChunksOf64KiBThenDone() throws Exception {
        byte[] content = new byte[64 * 1024 * 2 + 5];
        Arrays.fill(content, (byte) 7);
        Files.write(dlt.resolve("r.bin"), content);
        ByteBuffer r = msg("RECV", "/data/local/tmp/r.bin").serve();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int[] sizes = new int[3];
        for (int i = 0; i < 3; i++) {
            assertThat(id(r)).isEqualTo("DATA");
            sizes[i] = r.getInt();
            byte[] chunk = new byte[sizes[i]];
            r.get(chunk);
            got.writeBytes(chunk);
        }
        assertThat(sizes).containsExactly(65536, 65536, 5);
        assertThat(id(r)).isEqualTo("DONE");
        assertThat(r.getInt()).isZero();
        assertThat(r.remaining()).isZero();
        assertThat(got.toByteArray()).isEqualTo(content);
    }

    @Test
    void recv_missingOrForbidden_fail() throws Exception {
        ByteBuffer r = msg("RECV", "/data/local/tmp/none").msg("RECV", "/etc/passwd").serve();
        assertThat(id(r)).isEqualTo("FAIL");
        assertThat(text(r, r.getInt())).isEqualTo("No such file or directory: /data/local/tmp/none");
        assertThat(id(r)).isEqualTo("FAIL");
        assertThat(text(r, r.getInt())).isEqualTo("not allowed outside /data/local/tmp: /etc/passwd");
        assertThat(r.remaining()).isZero();
    }

    @Test
    void recv_procMeminfo_served() throws Exception {
        ByteBuffer r = msg("RECV", "/proc/meminfo").serve();
        assertThat(id(r)).isEqualTo("DATA");
        assertThat(text(r, r.getInt())).startsWith("MemTotal:");
        assertThat(id(r)).isEqualTo("DONE");
    }

    @Test
    void stat_fileDirMissing_modeSizeTime() throws Exception {
        Files.writeString(dlt.resolve("s.txt"), "12345");
        Files.setLastModifiedTime(dlt.resolve("s.txt"), FileTime.from(1_234_567_890L, TimeUnit.SECONDS));
        ByteBuffer r = msg("STAT", "/data/local/tmp/s.txt").msg("STAT", "/data/local/tmp/none").msg("STAT", "/etc/passwd").serve();
        assertThat(id(r)).isEqualTo("STAT");
        assertThat(r.getInt() & 0170000).isEqualTo(0100000);
        assertThat(r.getInt()).isEqualTo(5);
        assertThat(r.getInt()).isEqualTo(1_234_567_890);
        for (int i = 0; i < 2; i++) {
            assertThat(id(r)).isEqualTo("STAT");
            assertThat(new int[] {r.getInt(), r.getInt(), r.getInt()}).containsExactly(0, 0, 0);
        }
        assertThat(r.remaining()).isZero();
    }

    @Test
    void list_folder_dentsSortedThenDone() throws Exception {
        Files.writeString(dlt.resolve("b.txt"), "bb");
        Files.createDirectories(dlt.resolve("a"));
        ByteBuffer r = msg("LIST", "/data/local/tmp").serve();
        assertThat(id(r)).isEqualTo("DENT");
        assertThat(r.getInt() & 0170000).isEqualTo(0040000);
        r.getInt();
        r.getInt();
        assertThat(text(r, r.getInt())).isEqualTo("a");
        assertThat(id(r)).isEqualTo("DENT");
        assertThat(r.getInt() & 0170000).isEqualTo(0100000);
        assertThat(r.getInt()).isEqualTo(2);
        r.getInt();
        assertThat(text(r, r.getInt())).isEqualTo("b.txt");
        assertThat(id(r)).isEqualTo("DONE");
        assertThat(new int[] {r.getInt(), r.getInt(), r.getInt(), r.getInt()}).containsExactly(0, 0, 0, 0);
        assertThat(r.remaining()).isZero();
    }

    @Test
    void unknownCommand_failThenProtocolError() {
        msg("STA2", "/data/local/tmp");
        assertThatThrownBy(this::serve).isInstanceOf(AdbProtocolException.class).hasMessageContaining("STA2");
    }

    @Test
    void quit_endsSessionIgnoringRest() throws Exception {
        ByteBuffer r = msg("QUIT", 0).msg("STAT", "/data/local/tmp").serve();
        assertThat(r.remaining()).isZero();
    }
}
