package dev.snapfusion.link.virtual;

import java.io.IOException;
import java.io.OutputStream;

/** Writes shell v2 packets; each packet is one write call, so it usually travels in one WRTE. Thread-safe. */
final class ShellPacketWriter {
    private final OutputStream out;

    ShellPacketWriter(OutputStream out) {
        this.out = out;
    }

    synchronized void write(int id, byte[] data, int off, int len) throws IOException {
        byte[] p = new byte[ShellPacket.HEADER_SIZE + len];
        p[0] = (byte) id;
        p[1] = (byte) len;
        p[2] = (byte) (len >>> 8);
        p[3] = (byte) (len >>> 16);
        p[4] = (byte) (len >>> 24);
        System.arraycopy(data, off, p, ShellPacket.HEADER_SIZE, len);
        out.write(p);
        out.flush();
    }

    void exit(int code) throws IOException {
        write(ShellPacket.EXIT, new byte[] {(byte) code}, 0, 1);
    }
}
