package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device's transport, driven byte by byte from a raw host. */
class DeviceConnectionTest {
    @TempDir
    static Path tmp;
    static KeyPair key;
    static VirtualDevice device;

    @BeforeAll
    static void start() throws Exception {
        key = RawAdbHost.newKey();
        KeyPair other = RawAdbHost.newKey();
        device = VirtualDevice.start(new VirtualDeviceConfig(tmp, 0, List.of(RawAdbHost.pubLine(other), RawAdbHost.pubLine(key)), null));
    }

    @AfterAll
    static void stop() {
        device.close();
    }

    @Test
    void start_bindsLoopbackOnly() {
        assertThat(device.address()).isEqualTo("127.0.0.1:" + device.port());
        assertThat(device.port()).isPositive();
        assertThat(device.sandboxDir()).isEqualTo(tmp.toAbsolutePath().normalize());
    }

    @Test
    void connect_goodSignature_cnxnWithBannerAndLimits() throws Exception {
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            h.send(AdbPacket.of(AdbPacket.CNXN, 0x01000001, 1 << 20, "host::\0"));
            AdbPacket token = h.read();
            assertThat(token.command()).isEqualTo(AdbPacket.AUTH);
            assertThat(token.arg0()).isEqualTo(AdbPacket.AUTH_TOKEN);
            assertThat(token.data()).hasSize(20);
            h.send(new AdbPacket(AdbPacket.AUTH, AdbPacket.AUTH_SIGNATURE, 0, RawAdbHost.sign(key.getPrivate(), token.data())));
            AdbPacket cnxn = h.read();
            assertThat(cnxn.command()).isEqualTo(AdbPacket.CNXN);
            assertThat(cnxn.arg0()).isEqualTo(0x01000000);
            assertThat(cnxn.arg1()).isEqualTo(256 * 1024);
            assertThat(cnxn.dataText()).isEqualTo("device::ro.product.name=snapfusion_virtual;ro.product.model=SnapFusion Virtual Device (host CPU);"
                    + "ro.product.device=virtual;features=shell_v2,cmd");
        }
    }

    @Test
    void connect_smallHostMaxData_echoedBack() throws Exception {
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            h.send(AdbPacket.of(AdbPacket.CNXN, 0x01000000, 8192, "host::\0"));
            AdbPacket token = h.read();
            h.send(new AdbPacket(AdbPacket.AUTH, AdbPacket.AUTH_SIGNATURE, 0, RawAdbHost.sign(key.getPrivate(), token.data())));
            AdbPacket cnxn = h.read();
            assertThat(cnxn.arg1()).isEqualTo(8192);
            int remote = h.open(1, "shell,v2,raw:echo " + "x".repeat(20000));
            byte[] all = h.readUntilClose(1);
            assertThat(all.length).isEqualTo(5 + 20001 + 6);
            assertThat(h.largestWrite).isEqualTo(8192);
            assertThat(remote).isPositive();
        }
    }

    @Test
    void connect_wrongSignature_newTokenAndNoCnxn() throws Exception {
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            h.send(AdbPacket.of(AdbPacket.CNXN, 0x01000001, 1 << 20, "host::\0"));
            AdbPacket first = h.read();
            KeyPair stranger = RawAdbHost.newKey();
            h.send(new AdbPacket(AdbPacket.AUTH, AdbPacket.AUTH_SIGNATURE, 0, RawAdbHost.sign(stranger.getPrivate(), first.data())));
            AdbPacket second = h.read();
            assertThat(second.command()).isEqualTo(AdbPacket.AUTH);
            assertThat(second.arg0()).isEqualTo(AdbPacket.AUTH_TOKEN);
            assertThat(second.data()).hasSize(20).isNotEqualTo(first.data());
            // an old token signed with the right key must not work either
            h.send(new AdbPacket(AdbPacket.AUTH, AdbPacket.AUTH_SIGNATURE, 0, RawAdbHost.sign(key.getPrivate(), first.data())));
            assertThat(h.read().command()).isEqualTo(AdbPacket.AUTH);
        }
    }

    @Test
    void connect_unknownPublicKey_closedWithoutCnxn() throws Exception {
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            h.send(AdbPacket.of(AdbPacket.CNXN, 0x01000001, 1 << 20, "host::\0"));
            h.read();
            String pub = RawAdbHost.pubLine(RawAdbHost.newKey()) + "\0";
            h.send(AdbPacket.of(AdbPacket.AUTH, AdbPacket.AUTH_RSAPUBLICKEY, 0, pub));
            assertThat(h.read()).isNull();
        }
    }

    @Test
    void open_beforeAuth_connectionDropped() throws Exception {
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            h.send(AdbPacket.of(AdbPacket.CNXN, 0x01000001, 1 << 20, "host::\0"));
            h.read();
            h.send(AdbPacket.of(AdbPacket.OPEN, 1, 0, "shell:echo hi\0"));
            assertThat(h.read()).isNull();
        }
    }

    @Test
    void garbage_dropsThatConnectionOnly() throws Exception {
        try (Socket s = new Socket("127.0.0.1", device.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            assertThat(h.connect(key).command()).isEqualTo(AdbPacket.CNXN);
        }
    }

    @Test
    void oversizeBeforeConnect_connectionDropped() throws Exception {
        try (Socket s = new Socket("127.0.0.1", device.port())) {
            s.setSoTimeout(5000);
            byte[] h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(AdbPacket.CNXN).putInt(0x01000001).putInt(4096).putInt(100_000).putInt(0).putInt(~AdbPacket.CNXN).array();
            s.getOutputStream().write(h);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void badChecksumInCnxn_connectionDropped() throws Exception {
        try (Socket s = new Socket("127.0.0.1", device.port())) {
            s.setSoTimeout(5000);
            byte[] data = "host::\0".getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(AdbPacket.CNXN).putInt(0x01000000).putInt(4096)
                    .putInt(data.length).putInt(12345).putInt(~AdbPacket.CNXN).array());
            b.writeBytes(data);
            s.getOutputStream().write(b.toByteArray());
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    private static byte[] rawPacket(int command, int arg0, int arg1, byte[] data, int check) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(command).putInt(arg0).putInt(arg1)
                .putInt(data.length).putInt(check).putInt(~command).array());
        b.writeBytes(data);
        return b.toByteArray();
    }

    @Test
    void auth_zeroChecksumFromNewHost_accepted() throws Exception {
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            h.socket.getOutputStream().write(rawPacket(AdbPacket.CNXN, 0x01000001, 1 << 20, "host::\0".getBytes(StandardCharsets.US_ASCII), 0));
            AdbPacket token = h.read();
            byte[] sig = RawAdbHost.sign(key.getPrivate(), token.data());
            h.socket.getOutputStream().write(rawPacket(AdbPacket.AUTH, AdbPacket.AUTH_SIGNATURE, 0, sig, 0));
            assertThat(h.read().command()).isEqualTo(AdbPacket.CNXN);
        }
    }

    @Test
    void auth_wrongChecksum_connectionDropped() throws Exception {
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            h.socket.getOutputStream().write(rawPacket(AdbPacket.CNXN, 0x01000001, 1 << 20, "host::\0".getBytes(StandardCharsets.US_ASCII), 0));
            AdbPacket token = h.read();
            byte[] sig = RawAdbHost.sign(key.getPrivate(), token.data());
            h.socket.getOutputStream().write(rawPacket(AdbPacket.AUTH, AdbPacket.AUTH_SIGNATURE, 0, sig, 1));
            assertThat(h.read()).isNull();
        }
    }

    @Test
    void open_unknownService_clse() throws Exception {
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            h.connect(key);
            for (String service : List.of("jdwp:1", "tcp:8080", "reboot:", "root:", "shell:", "framebuffer:")) {
                h.send(AdbPacket.of(AdbPacket.OPEN, 9, 0, service + "\0"));
                AdbPacket p = h.read();
                assertThat(p.command()).as(service).isEqualTo(AdbPacket.CLSE);
                assertThat(p.arg1()).isEqualTo(9);
            }
        }
    }

    @Test
    void shellV2_echo_stdoutThenExitThenClose() throws Exception {
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            h.connect(key);
            h.open(3, "shell,v2,raw:echo hi");
            byte[] all = h.readUntilClose(3);
            assertThat(all).containsExactly(1, 3, 0, 0, 0, 'h', 'i', '\n', 3, 1, 0, 0, 0, 0);
        }
    }

    @Test
    void legacyShell_refused_rawStderrAndClose() throws Exception {
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            h.connect(key);
            h.open(4, "shell:echo a && echo b");
            assertThat(new String(h.readUntilClose(4), StandardCharsets.UTF_8))
                    .isEqualTo("virtual device: not allowed: shell metacharacter '&'\n");
            h.open(5, "exec:echo raw");
            assertThat(new String(h.readUntilClose(5), StandardCharsets.UTF_8)).isEqualTo("raw\n");
        }
    }

    @Test
    void sync_requestSplitIntoOneByteWrites_parsed() throws Exception {
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            h.connect(key);
            int remote = h.open(7, "sync:");
            byte[] path = "/data/local/tmp".getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(SyncProtocol.STAT).putInt(path.length).array());
            req.writeBytes(path);
            for (byte b : req.toByteArray()) h.send(new AdbPacket(AdbPacket.WRTE, 7, remote, new byte[] {b})); // like dadb: no waiting
            ByteBuffer stat = ByteBuffer.wrap(h.readBytes(7, 16)).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(stat.getInt()).isEqualTo(SyncProtocol.STAT);
            assertThat(stat.getInt() & 0170000).isEqualTo(0040000);
            stat.getInt();
            assertThat(stat.getInt()).isPositive();
        }
    }

    @Test
    void clse_fromHost_stopsStreamAndConnectionLives() throws Exception {
        try (RawAdbHost h = new RawAdbHost(device.port())) {
            h.connect(key);
            int remote = h.open(8, "sync:");
            h.send(new AdbPacket(AdbPacket.CLSE, 8, remote, null));
            h.open(9, "shell,v2,raw:exit 4");
            assertThat(h.readUntilClose(9)).containsExactly(3, 1, 0, 0, 0, 4);
        }
    }

    @Test
    void close_dropsConnections() throws Exception {
        VirtualDevice d = VirtualDevice.start(new VirtualDeviceConfig(tmp.resolve("other"), 0, List.of(RawAdbHost.pubLine(key)), null));
        RawAdbHost h = new RawAdbHost(d.port());
        h.connect(key);
        d.close();
        assertThat(h.read()).isNull();
        h.close();
    }
}
