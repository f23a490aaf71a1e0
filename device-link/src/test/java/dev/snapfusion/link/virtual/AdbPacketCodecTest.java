package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AdbPacketCodecTest {
    private static byte[] header(int command, int arg0, int arg1, int length, int check, int magic) {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(command).putInt(arg0).putInt(arg1).putInt(length).putInt(check).putInt(magic).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void write_okayWithData_exactHeaderBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AdbPacketWriter(out).write(new AdbPacket(AdbPacket.WRTE, 7, 0x01020304, new byte[] {1, 2, (byte) 0xff}));
        byte[] b = out.toByteArray();
        assertThat(Arrays.copyOfRange(b, 0, 4)).isEqualTo("WRTE".getBytes(StandardCharsets.US_ASCII));
        assertThat(b).isEqualTo(concat(header(0x45545257, 7, 0x01020304, 3, 1 + 2 + 255, ~0x45545257), new byte[] {1, 2, (byte) 0xff}));
    }

    @Test
    void read_twoPackets_fieldsThenEndOfStream() throws Exception {
        byte[] cnxn = "host::\0".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = concat(
                header(AdbPacket.CNXN, 0x01000001, 1 << 20, cnxn.length, AdbPacket.checksum(cnxn, 0, cnxn.length), ~AdbPacket.CNXN), cnxn,
                header(AdbPacket.OKAY, 3, 9, 0, 0, ~AdbPacket.OKAY));
        AdbPacketReader r = new AdbPacketReader(new ByteArrayInputStream(bytes), 4096);
        AdbPacket p = r.read();
        assertThat(p.command()).isEqualTo(AdbPacket.CNXN);
        assertThat(p.arg0()).isEqualTo(0x01000001);
        assertThat(p.arg1()).isEqualTo(1 << 20);
        assertThat(p.dataText()).isEqualTo("host::");
        assertThat(r.read()).isEqualTo(new AdbPacket(AdbPacket.OKAY, 3, 9, null));
        assertThat(r.read()).isNull();
    }

    @Test
    void roundTrip_writerToReader_samePacket() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AdbPacket sent = AdbPacket.of(AdbPacket.OPEN, 5, 0, "shell,v2,raw:echo hi\0");
        new AdbPacketWriter(out).write(sent);
        AdbPacketReader r = new AdbPacketReader(new ByteArrayInputStream(out.toByteArray()), 4096);
        assertThat(r.read()).isEqualTo(sent);
        assertThat(r.read()).isNull();
    }

    @Test
    void read_badMagic_protocolException() {
        byte[] bytes = header(AdbPacket.OKAY, 1, 2, 0, 0, AdbPacket.OKAY);
        assertThatThrownBy(() -> new AdbPacketReader(new ByteArrayInputStream(bytes), 4096).read())
                .isInstanceOf(AdbProtocolException.class).hasMessageContaining("bad magic");
    }

    @Test
    void read_oversizeBeforeConnect_protocolException() {
        byte[] bytes = header(AdbPacket.WRTE, 1, 2, 4097, 0, ~AdbPacket.WRTE);
        assertThatThrownBy(() -> new AdbPacketReader(new ByteArrayInputStream(bytes), 4096).read())
                .isInstanceOf(AdbProtocolException.class).hasMessageContaining("too large");
    }

    @Test
    void read_negativeLength_protocolException() {
        byte[] bytes = header(AdbPacket.WRTE, 1, 2, -1, 0, ~AdbPacket.WRTE);
        assertThatThrownBy(() -> new AdbPacketReader(new ByteArrayInputStream(bytes), 4096).read())
                .isInstanceOf(AdbProtocolException.class).hasMessageContaining("too large");
    }

    @Test
    void read_badChecksumOldVersion_protocolException() {
        byte[] data = {1, 2, 3};
        byte[] bytes = concat(header(AdbPacket.CNXN, 0x01000000, 4096, 3, 7, ~AdbPacket.CNXN), data);
        assertThatThrownBy(() -> new AdbPacketReader(new ByteArrayInputStream(bytes), 4096).read())
                .isInstanceOf(AdbProtocolException.class).hasMessageContaining("checksum");
    }

    @Test
    void read_zeroChecksumNewVersion_accepted() throws Exception {
        byte[] data = {1, 2, 3};
        byte[] bytes = concat(header(AdbPacket.CNXN, 0x01000001, 4096, 3, 0, ~AdbPacket.CNXN), data);
        assertThat(new AdbPacketReader(new ByteArrayInputStream(bytes), 4096).read().data()).isEqualTo(data);
    }

    @Test
    void read_zeroChecksumOldVersionAfterHandshakeCheck_protocolException() {
        byte[] data = {1, 2, 3};
        byte[] bytes = concat(header(AdbPacket.WRTE, 1, 1, 3, 0, ~AdbPacket.WRTE), data);
        AdbPacketReader r = new AdbPacketReader(new ByteArrayInputStream(bytes), 4096);
        r.version(0x01000000);
        assertThatThrownBy(r::read).isInstanceOf(AdbProtocolException.class);
    }

    @Test
    void read_wrongSliceChecksumOnlineLenient_accepted() throws Exception {
        byte[] data = {1, 2, 3};
        byte[] bytes = concat(header(AdbPacket.WRTE, 1, 1, 3, 99, ~AdbPacket.WRTE), data);
        AdbPacketReader r = new AdbPacketReader(new ByteArrayInputStream(bytes), 4096);
        r.version(0x01000000);
        r.checkAfterHandshake(false);
        assertThat(r.read().data()).isEqualTo(data);
        assertThat(r.read()).isNull();
    }

    @Test
    void read_truncatedData_eof() {
        byte[] bytes = concat(header(AdbPacket.WRTE, 1, 2, 10, 0, ~AdbPacket.WRTE), new byte[4]);
        AdbPacketReader r = new AdbPacketReader(new ByteArrayInputStream(bytes), 4096);
        r.version(0x01000001);
        assertThatThrownBy(r::read).isInstanceOf(EOFException.class);
    }

    @Test
    void read_truncatedHeader_eof() {
        byte[] bytes = Arrays.copyOf(header(AdbPacket.OKAY, 1, 2, 0, 0, ~AdbPacket.OKAY), 10);
        assertThatThrownBy(() -> new AdbPacketReader(new ByteArrayInputStream(bytes), 4096).read()).isInstanceOf(EOFException.class);
    }

    @Test
    void commandName_printableAndNot() {
        assertThat(AdbPacket.commandName(AdbPacket.CLSE)).isEqualTo("CLSE");
        assertThat(AdbPacket.commandName(0x01020304)).isEqualTo("0x01020304");
    }
}
