package dev.snapfusion.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** AdbServerClient against a one-shot fake server that replies with bytes built here. */
class AdbServerClientTest {
    private static byte[] framed(String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(String.format("%04x", body.length).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Accepts one connection, records the request, writes {@code reply}, then closes (or lingers). */
    private static final class FakeServer implements AutoCloseable {
        final ServerSocket socket;
        final CompletableFuture<String> request = new CompletableFuture<>();

        FakeServer(byte[] reply, boolean linger) throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try (Socket s = socket.accept()) {
                    InputStream in = s.getInputStream();
                    int len = Integer.parseInt(new String(in.readNBytes(4), StandardCharsets.US_ASCII), 16);
                    request.complete(new String(in.readNBytes(len), StandardCharsets.UTF_8));
                    s.getOutputStream().write(reply);
                    s.getOutputStream().flush();
                    if (linger) in.read();
                } catch (IOException e) {
                    request.completeExceptionally(e);
                }
            });
            t.setDaemon(true);
            t.start();
        }

        AdbServerClient client() {
            return new AdbServerClient("127.0.0.1", socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void version_okayHexPayload_parsesNumber() throws Exception {
        try (FakeServer f = new FakeServer(concat("OKAY".getBytes(), framed("0029")), false)) {
            assertThat(f.client().version()).isEqualTo(41);
            assertThat(f.request.get()).isEqualTo("host:version");
        }
    }

    @Test
    void devicesLong_sendsDevicesL_andParses() throws Exception {
        byte[] reply = concat("OKAY".getBytes(), framed("emulator-5554          offline transport_id:1\n"));
        try (FakeServer f = new FakeServer(reply, false)) {
            List<ServerDevice> ds = f.client().devicesLong();
            assertThat(f.request.get()).isEqualTo("host:devices-l");
            assertThat(ds).singleElement().satisfies(d -> {
                assertThat(d.serial()).isEqualTo("emulator-5554");
                assertThat(d.state()).isEqualTo("offline");
            });
        }
    }

    @Test
    void connect_failReply_throwsServerMessage() throws Exception {
        byte[] reply = concat("FAIL".getBytes(), framed("unknown host service"));
        try (FakeServer f = new FakeServer(reply, false)) {
            assertThatThrownBy(() -> f.client().connect("127.0.0.1:5790"))
                    .isInstanceOf(ServerRefusedException.class).hasMessageContaining("unknown host service");
            assertThat(f.request.get()).isEqualTo("host:connect:127.0.0.1:5790");
        }
    }

    @Test
    void awaitState_unauthorizedThenDevice_returnsDevice() throws Exception {
        byte[] reply = concat("OKAY".getBytes(), framed(""), framed("127.0.0.1:5790\tunauthorized\n"),
                framed("127.0.0.1:5790\tdevice\n"));
        try (FakeServer f = new FakeServer(reply, true)) {
            assertThat(f.client().awaitState("127.0.0.1:5790", "device", Duration.ofSeconds(5))).isEqualTo("device");
            assertThat(f.request.get()).isEqualTo("host:track-devices");
        }
    }

    @Test
    void awaitState_neverOnline_returnsLastStateAfterTimeout() throws Exception {
        byte[] reply = concat("OKAY".getBytes(), framed("127.0.0.1:5790\tunauthorized\n"));
        try (FakeServer f = new FakeServer(reply, true)) {
            long t0 = System.nanoTime();
            assertThat(f.client().awaitState("127.0.0.1:5790", "device", Duration.ofMillis(300)))
                    .isEqualTo("unauthorized");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void reachable_nothingListening_isFalse() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(new AdbServerClient("127.0.0.1", port).reachable()).isFalse();
    }
}
