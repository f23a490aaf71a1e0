package dev.snapfusion.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ServerSync against a fake adb server that parses every byte the way the server and adbd do (smart
 * socket requests, then sync SEND / DATA / DONE / QUIT) and answers with bytes built here.
 */
class ServerSyncTest {
    @TempDir
    Path tmp;

    /** What the fake saw: the services, the SEND argument, the DATA sizes and bytes, DONE's mtime, QUIT. */
    record Seen(List<String> services, String sendArg, List<Integer> dataSizes, byte[] data, int mtime, boolean quit) {
    }

    private static int u32(DataInputStream in) throws IOException {
        byte[] b = in.readNBytes(4);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static CompletableFuture<Seen> fake(ServerSocket ss, String failMessage) {
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Socket s = ss.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                List<String> services = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    int len = Integer.parseInt(new String(in.readNBytes(4), StandardCharsets.US_ASCII), 16);
                    services.add(new String(in.readNBytes(len), StandardCharsets.UTF_8));
                    out.write("OKAY".getBytes(StandardCharsets.US_ASCII));
                }
                assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("SEND");
                String arg = new String(in.readNBytes(u32(in)), StandardCharsets.UTF_8);
                List<Integer> sizes = new ArrayList<>();
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                int mtime;
                while (true) {
                    String id = new String(in.readNBytes(4), StandardCharsets.US_ASCII);
                    int n = u32(in);
                    if (id.equals("DONE")) {
                        mtime = n;
                        break;
                    }
                    assertThat(id).isEqualTo("DATA");
                    sizes.add(n);
                    data.writeBytes(in.readNBytes(n));
                }
                if (failMessage == null) {
                    out.write(ServerSync.header("OKAY", 0));
                } else {
                    byte[] m = failMessage.getBytes(StandardCharsets.UTF_8);
                    out.write(ServerSync.header("FAIL", m.length));
                    out.write(m);
                }
                out.flush();
                boolean quit = false;
                if (failMessage == null) {
                    quit = new String(in.readNBytes(4), StandardCharsets.US_ASCII).equals("QUIT") && u32(in) == 0;
                    assertThat(in.read()).as("end of stream after QUIT").isEqualTo(-1);
                }
                seen.complete(new Seen(services, arg, sizes, data.toByteArray(), mtime, quit));
            } catch (Throwable e) {
                seen.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return seen;
    }

    @Test
    void push_file_sendsSmartSocketThenSyncIn64KiBPackets() throws Exception {
        byte[] bytes = new byte[3 * ServerSync.MAX_DATA + 123];
        new Random(5).nextBytes(bytes);
        Path f = Files.write(tmp.resolve("f.bin"), bytes);
        List<Long> progress = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Seen> seen = fake(ss, null);
            new ServerSync("127.0.0.1", ss.getLocalPort(), "SER1").push(f, "/data/local/tmp/x,y.part", 0644, 1_700_000_000L,
                    bytes.length, (done, total) -> progress.add(done));
            Seen s = seen.get(10, TimeUnit.SECONDS);
            assertThat(s.services()).containsExactly("host:transport:SER1", "sync:");
            assertThat(s.sendArg()).isEqualTo("/data/local/tmp/x,y.part," + 0644);
            assertThat(s.dataSizes()).containsExactly(65536, 65536, 65536, 123);
            assertThat(s.data()).isEqualTo(bytes);
            assertThat(s.mtime()).isEqualTo(1_700_000_000);
            assertThat(s.quit()).isTrue();
        }
        assertThat(progress).containsExactly(65536L, 131072L, 196608L, (long) bytes.length);
    }

    @Test
    void push_emptyFile_noDataPacket() throws Exception {
        Path f = Files.write(tmp.resolve("empty"), new byte[0]);
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Seen> seen = fake(ss, null);
            new ServerSync("127.0.0.1", ss.getLocalPort(), "S").push(f, "/p", 0644, 1, 0, TransferListener.NONE);
            assertThat(seen.get(10, TimeUnit.SECONDS).dataSizes()).isEmpty();
        }
    }

    @Test
    void push_deviceFails_transferExceptionWithReasonNotRetryable() throws Exception {
        Path f = Files.write(tmp.resolve("f"), new byte[10]);
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            fake(ss, "No space left on device");
            assertThatThrownBy(() -> new ServerSync("127.0.0.1", ss.getLocalPort(), "S").push(f, "/p", 0644, 1, 10,
                    TransferListener.NONE))
                    .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.retryable()).isFalse())
                    .hasMessageContaining("No space left on device").hasMessageContaining("/p");
        }
    }

    @Test
    void push_serverRefusesTransport_serverRefusedWithItsMessage() throws Exception {
        Path f = Files.write(tmp.resolve("f"), new byte[10]);
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    InputStream in = s.getInputStream();
                    in.readNBytes(4 + "host:transport:gone".length());
                    s.getOutputStream().write("FAIL0017device 'gone' not found".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the test reports
                }
            });
            t.setDaemon(true);
            t.start();
            assertThatThrownBy(() -> new ServerSync("127.0.0.1", ss.getLocalPort(), "gone").push(f, "/p", 0644, 1, 10,
                    TransferListener.NONE)).isInstanceOf(ServerRefusedException.class).hasMessageContaining("not found");
        }
    }
}
