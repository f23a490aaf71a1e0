package dev.snapfusion.link.virtual;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Byte layout of the sync service (AOSP SYNC.TXT, file_sync_protocol.h): every message starts with a 4-character
 * id and a little-endian u32. Requests are id + length + payload; the device replies with STAT (3 more u32),
 * DENT (mode, size, mtime, name length, name), DATA (length + bytes), DONE, OKAY or FAIL (length + message).
 */
final class SyncProtocol {
    static final int STAT = id("STAT");
    static final int LIST = id("LIST");
    static final int SEND = id("SEND");
    static final int RECV = id("RECV");
    static final int QUIT = id("QUIT");
    static final int DATA = id("DATA");
    static final int DONE = id("DONE");
    static final int DENT = id("DENT");
    static final int OKAY = id("OKAY");
    static final int FAIL = id("FAIL");
    static final int MAX_DATA = 64 * 1024;
    static final int MAX_PATH = 1024;

    private SyncProtocol() {
    }

    static int id(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    static String name(int id) {
        return AdbPacket.commandName(id);
    }

    /** Reads id and length; returns null at a clean end of stream before a message. */
    static int[] readHeader(InputStream in) throws IOException {
        byte[] b = new byte[8];
        int first = in.read(b, 0, 8);
        if (first < 0) return null;
        new DataInputStream(in).readFully(b, first, 8 - first);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return new int[] {h.getInt(), h.getInt()};
    }

    static void writeWords(OutputStream out, int... words) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) b.putInt(w);
        out.write(b.array());
    }

    static void writeFail(OutputStream out, String message) throws IOException {
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        writeWords(out, FAIL, m.length);
        out.write(m);
    }
}
