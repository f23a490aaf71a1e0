package dev.snapfusion.link.virtual;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads shell v2 packets from the stream's bytes (their boundaries need not match WRTE boundaries). Not thread-safe. */
final class ShellPacketReader {
    static final int MAX_DATA = 1024 * 1024;

    private final DataInputStream in;

    ShellPacketReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** Returns the next packet, or null at a clean end of stream. */
    ShellPacket read() throws IOException {
        int id = in.read();
        if (id < 0) return null;
        if (id > ShellPacket.WINDOW_SIZE) throw new AdbProtocolException("unknown shell packet id " + id);
        byte[] len = new byte[4];
        in.readFully(len);
        long length = (len[0] & 0xffL) | (len[1] & 0xffL) << 8 | (len[2] & 0xffL) << 16 | (len[3] & 0xffL) << 24;
        if (length > MAX_DATA) throw new AdbProtocolException("shell packet too large: " + length + " bytes");
        byte[] data = new byte[(int) length];
        in.readFully(data);
        return new ShellPacket(id, data);
    }
}
