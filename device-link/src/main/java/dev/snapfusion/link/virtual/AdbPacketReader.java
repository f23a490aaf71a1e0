package dev.snapfusion.link.virtual;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads ADB packets from a byte stream and checks magic, size and (when required) the data checksum. Not thread-safe. */
final class AdbPacketReader {
    private final InputStream in;
    private volatile int maxData;
    private volatile int version = 0;
    private volatile boolean checkAfterHandshake = true;

    AdbPacketReader(InputStream in, int maxData) {
        this.in = in;
        this.maxData = maxData;
    }

    /** Raises the size limit once CNXN is done (before it, packets are at most 4096 bytes). */
    void maxData(int maxData) {
        this.maxData = maxData;
    }

    /** The negotiated protocol version; below 0x01000001 every packet must carry a correct checksum. */
    void version(int version) {
        this.version = version;
    }

    /**
     * Whether checksums are still checked once the connection is online. Current adbd no longer checks them at all,
     * and dadb 2.0.0 sums its whole buffer rather than the slice it sends, so a strict device would drop dadb's
     * pushes; the device turns this off after the handshake (CNXN and AUTH are still checked).
     */
    void checkAfterHandshake(boolean check) {
        this.checkAfterHandshake = check;
    }

    /** Returns the next packet, or null on a clean end of stream between packets. */
    AdbPacket read() throws IOException {
        byte[] header = new byte[AdbPacket.HEADER_SIZE];
        int first = in.read(header, 0, header.length);
        if (first < 0) return null;
        readFully(header, first, header.length - first, "header");
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int command = h.getInt();
        int arg0 = h.getInt();
        int arg1 = h.getInt();
        int length = h.getInt();
        int check = h.getInt();
        int magic = h.getInt();
        if (magic != ~command) {
            throw new AdbProtocolException("bad magic " + Integer.toHexString(magic) + " for command " + AdbPacket.commandName(command));
        }
        if (length < 0 || length > maxData) {
            throw new AdbProtocolException("packet " + AdbPacket.commandName(command) + " too large: " + Integer.toUnsignedString(length)
                    + " bytes, limit " + maxData);
        }
        byte[] data = new byte[length];
        readFully(data, 0, length, AdbPacket.commandName(command) + " data");
        // CNXN announces its own version; other packets use the negotiated one.
        int effective = command == AdbPacket.CNXN ? arg0 : version;
        boolean handshake = command == AdbPacket.CNXN || command == AdbPacket.AUTH;
        boolean required = Integer.compareUnsigned(effective, AdbPacket.VERSION_SKIP_CHECKSUM) < 0 || check != 0;
        if (required && (handshake || checkAfterHandshake) && check != AdbPacket.checksum(data, 0, length)) {
            throw new AdbProtocolException("bad data checksum in " + AdbPacket.commandName(command));
        }
        return new AdbPacket(command, arg0, arg1, data);
    }

    private void readFully(byte[] b, int off, int len, String what) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) throw new EOFException("connection ended inside packet " + what);
            off += n;
            len -= n;
        }
    }
}
