package dev.snapfusion.link.virtual;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes ADB packets. Thread-safe: every packet goes out whole, so stream threads can share one socket.
 * The checksum is always filled in; hosts at 0x01000001 and above ignore it, older ones need it.
 */
final class AdbPacketWriter {
    private final OutputStream out;

    AdbPacketWriter(OutputStream out) {
        this.out = out;
    }

    void write(AdbPacket p) throws IOException {
        write(p.command(), p.arg0(), p.arg1(), p.data(), 0, p.data().length);
    }

    synchronized void write(int command, int arg0, int arg1, byte[] data, int off, int len) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(AdbPacket.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(command).putInt(arg0).putInt(arg1).putInt(len).putInt(AdbPacket.checksum(data, off, len)).putInt(~command);
        out.write(h.array());
        if (len > 0) out.write(data, off, len);
        out.flush();
    }
}
