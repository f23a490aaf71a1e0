package dev.snapfusion.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmartSocketCodecTest {
    /** Frames a payload as the server does: 4 lower-case hex digits of byte length, then the bytes. */
    private static byte[] framed(String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(String.format("%04x", body.length).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static InputStream stream(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return new ByteArrayInputStream(out.toByteArray());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void request_service_isLengthPrefixedInHex() {
        byte[] req = SmartSocketCodec.request("host:track-devices");
        assertThat(new String(req, StandardCharsets.US_ASCII)).isEqualTo("0012host:track-devices");
    }

    @Test
    void request_connectService_countsBytes() {
        assertThat(new String(SmartSocketCodec.request("host:connect:127.0.0.1:5790"), StandardCharsets.US_ASCII))
                .isEqualTo("001bhost:connect:127.0.0.1:5790");
    }

    @Test
    void readStatus_okay_returnsAndLeavesPayload() throws Exception {
        InputStream in = stream(ascii("OKAY"), framed("0029"));
        SmartSocketCodec.readStatus(in, "host:version");
        assertThat(SmartSocketCodec.readLengthPrefixed(in)).isEqualTo("0029");
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void readStatus_fail_throwsWithServerMessage() {
        InputStream in = stream(ascii("FAIL"), framed("device 'abc' not found"));
        assertThatThrownBy(() -> SmartSocketCodec.readStatus(in, "host:transport:abc"))
                .isInstanceOf(ServerRefusedException.class)
                .hasMessage("host:transport:abc: device 'abc' not found")
                .satisfies(e -> assertThat(((ServerRefusedException) e).reason()).isEqualTo("device 'abc' not found"));
    }

    @Test
    void readStatus_garbage_throwsNamingIt() {
        assertThatThrownBy(() -> SmartSocketCodec.readStatus(stream(ascii("HUH?")), "host:devices"))
                .hasMessageContaining("'HUH?'");
    }

    @Test
    void readLengthPrefixed_truncated_throwsEof() {
        assertThatThrownBy(() -> SmartSocketCodec.readLengthPrefixed(stream(ascii("0010abc"))))
                .isInstanceOf(EOFException.class).hasMessageContaining("3 of 16");
    }

    @Test
    void readLengthPrefixed_badHex_throws() {
        assertThatThrownBy(() -> SmartSocketCodec.readLengthPrefixed(stream(ascii("zz01x"))))
                .hasMessageContaining("'zz01'");
    }

    @Test
    void trackDevices_sequenceOfUpdates_parsesEachIncludingEmpty() throws Exception {
        InputStream in = stream(ascii("OKAY"),
                framed(""),
                framed("127.0.0.1:5790\toffline\n"),
                framed("127.0.0.1:5790\tunauthorized\nR58M123\tdevice\n"),
                framed("127.0.0.1:5790\tdevice\nR58M123\tdevice\n"),
                framed(""));
        SmartSocketCodec.readStatus(in, "host:track-devices");
        assertThat(SmartSocketCodec.parseDevices(SmartSocketCodec.readLengthPrefixed(in))).isEmpty();
        assertThat(SmartSocketCodec.parseDevices(SmartSocketCodec.readLengthPrefixed(in)))
                .containsExactly(new ServerDevice("127.0.0.1:5790", "offline", java.util.Map.of()));
        List<ServerDevice> third = SmartSocketCodec.parseDevices(SmartSocketCodec.readLengthPrefixed(in));
        assertThat(third).extracting(ServerDevice::serial).containsExactly("127.0.0.1:5790", "R58M123");
        assertThat(third).extracting(ServerDevice::state).containsExactly("unauthorized", "device");
        assertThat(SmartSocketCodec.parseDevices(SmartSocketCodec.readLengthPrefixed(in)))
                .extracting(ServerDevice::state).containsExactly("device", "device");
        assertThat(SmartSocketCodec.parseDevices(SmartSocketCodec.readLengthPrefixed(in))).isEmpty();
        assertThatThrownBy(() -> SmartSocketCodec.readLengthPrefixed(in)).isInstanceOf(EOFException.class);
    }

    @Test
    void parseDevices_lineWithoutTab_throws() {
        assertThatThrownBy(() -> SmartSocketCodec.parseDevices("garbage line\n")).hasMessageContaining("garbage line");
    }

    @Test
    void parseDevicesLong_realAdb29Layout_readsStateAndProperties() {
        String payload = "127.0.0.1:5790         device product:snapfusion_virtual model:SnapFusion_Virtual "
                + "device:virtual transport_id:3\n"
                + "R58M123                unauthorized usb:1-1 transport_id:4\n"
                + "0123456789ABCDEF       no permissions (user in plugdev group; are your udev rules wrong?); "
                + "see [http://developer.android.com/tools/device.html] usb:1-2 transport_id:5\n";
        List<ServerDevice> ds = SmartSocketCodec.parseDevicesLong(payload);
        assertThat(ds).hasSize(3);
        assertThat(ds.get(0).serial()).isEqualTo("127.0.0.1:5790");
        assertThat(ds.get(0).state()).isEqualTo("device");
        assertThat(ds.get(0).property("model")).isEqualTo("SnapFusion_Virtual");
        assertThat(ds.get(0).property("product")).isEqualTo("snapfusion_virtual");
        assertThat(ds.get(0).property("transport_id")).isEqualTo("3");
        assertThat(ds.get(1).state()).isEqualTo("unauthorized");
        assertThat(ds.get(1).property("model")).isEmpty();
        assertThat(ds.get(2).state()).startsWith("no permissions (user in plugdev group;").endsWith("device.html]");
        assertThat(ds.get(2).property("usb")).isEqualTo("1-2");
    }

    @Test
    void parseDevicesLong_empty_isEmpty() {
        assertThat(SmartSocketCodec.parseDevicesLong("")).isEmpty();
    }
}
