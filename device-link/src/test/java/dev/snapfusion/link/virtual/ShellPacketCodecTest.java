package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShellPacketCodecTest {
    @Test
    void write_stdoutAndExit_exactBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ShellPacketWriter w = new ShellPacketWriter(out);
        w.write(ShellPacket.STDOUT, "hi\n".getBytes(StandardCharsets.US_ASCII), 0, 3);
        w.exit(3);
        assertThat(out.toByteArray()).containsExactly(1, 3, 0, 0, 0, 'h', 'i', '\n', 3, 1, 0, 0, 0, 3);
    }

    @Test
    void read_packetsSplitAnywhere_parsedThenEnd() throws Exception {
        byte[] bytes = {0, 2, 0, 0, 0, 'a', 'b', 4, 0, 0, 0, 0, 5, 1, 0, 0, 0, 9};
        ShellPacketReader r = new ShellPacketReader(new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1)); // one byte at a time, like tiny WRTEs
            }
        });
        assertThat(r.read()).isEqualTo(new ShellPacket(ShellPacket.STDIN, "ab".getBytes(StandardCharsets.US_ASCII)));
        assertThat(r.read()).isEqualTo(new ShellPacket(ShellPacket.CLOSE_STDIN, null));
        assertThat(r.read()).isEqualTo(new ShellPacket(ShellPacket.WINDOW_SIZE, new byte[] {9}));
        assertThat(r.read()).isNull();
    }

    @Test
    void read_unknownId_protocolException() {
        assertThatThrownBy(() -> new ShellPacketReader(new ByteArrayInputStream(new byte[] {6, 0, 0, 0, 0})).read())
                .isInstanceOf(AdbProtocolException.class).hasMessageContaining("id 6");
    }

    @Test
    void read_hugeLength_protocolException() {
        byte[] bytes = {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> new ShellPacketReader(new ByteArrayInputStream(bytes)).read())
                .isInstanceOf(AdbProtocolException.class).hasMessageContaining("too large");
    }

    @Test
    void read_truncated_eof() {
        assertThatThrownBy(() -> new ShellPacketReader(new ByteArrayInputStream(new byte[] {1, 5, 0, 0, 0, 'x'})).read())
                .isInstanceOf(EOFException.class);
    }
}
