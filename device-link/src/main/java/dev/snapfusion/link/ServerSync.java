package dev.snapfusion.link;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sync SEND (AOSP SYNC.TXT) straight over a socket to the adb server, for pushes through a server:
 * {@code host:transport:<serial>}, {@code sync:}, then SEND / DATA (64 KiB, each packet one socket
 * write) / DONE, and OKAY or FAIL. It is what {@code adb push} does. dadb's push sends the same bytes,
 * but through okio in 8 KiB pieces, which ran at about half of adb's rate (docs/benchmarks.md).
 * <pre>
 * "SEND" u32 len "path,mode" | ("DATA" u32 n  n bytes)* | "DONE" u32 mtime   →   "OKAY" 0 | "FAIL" u32 len msg
 * </pre>
 * Stateless apart from its address; thread-safe (one socket per push).
 */
final class ServerSync {
    static final int MAX_DATA = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final String host;
    private final int port;
    private final String serial;

    ServerSync(String host, int port, String serial) {
        this.host = host;
        this.port = port;
        this.serial = serial;
    }

    /**
     * Sends {@code local} to {@code remote}. A device refusal (sync FAIL) is a non-retryable
     * {@link TransferException}; an IOException is left for the caller to map.
     */
    void push(Path local, String remote, int mode, long mtimeSeconds, long size, TransferListener listener)
            throws IOException {
        try (SocketChannel ch = SocketChannel.open(); FileChannel in = FileChannel.open(local, StandardOpenOption.READ)) {
            ch.socket().setSendBufferSize(1 << 20);
            ch.socket().connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            InputStream is = Channels.newInputStream(ch);
            for (String service : new String[] {"host:transport:" + serial, "sync:"}) {
                writeFully(ch, ByteBuffer.wrap(SmartSocketCodec.request(service)));
                SmartSocketCodec.readStatus(is, service);
            }
            byte[] path = (remote + "," + mode).getBytes(StandardCharsets.UTF_8);
            writeFully(ch, ByteBuffer.wrap(header("SEND", path.length)), ByteBuffer.wrap(path));
            // Direct buffers and one gathering write per DATA packet: file → kernel → socket with no
            // extra copy on the Java heap, one syscall per 64 KiB.
            ByteBuffer head = ByteBuffer.allocateDirect(8).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer data = ByteBuffer.allocateDirect(MAX_DATA);
            long done = 0;
            while (true) {
                data.clear();
                int n = fill(in, data);
                if (n <= 0) break;
                data.flip();
                head.clear();
                head.put((byte) 'D').put((byte) 'A').put((byte) 'T').put((byte) 'A').putInt(n).flip();
                writeFully(ch, head, data);
                done += n;
                listener.onBytes(done, size);
            }
            writeFully(ch, ByteBuffer.wrap(header("DONE", (int) mtimeSeconds)));
            DataInputStream din = new DataInputStream(is);
            byte[] reply = new byte[8];
            din.readFully(reply);
            String id = new String(reply, 0, 4, StandardCharsets.US_ASCII);
            int len = ByteBuffer.wrap(reply, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (id.equals("FAIL")) {
                byte[] msg = new byte[Math.max(0, Math.min(len, 64 * 1024))];
                din.readFully(msg);
                throw new TransferException("device refused push to " + remote + ": "
                        + new String(msg, StandardCharsets.UTF_8) + " (on " + serial + ")", null, false);
            }
            if (!id.equals("OKAY")) throw new IOException("sync: expected OKAY after DONE, got '" + id + "'");
            writeFully(ch, ByteBuffer.wrap(header("QUIT", 0)));
        }
    }

    private static void writeFully(SocketChannel ch, ByteBuffer... bufs) throws IOException {
        ByteBuffer last = bufs[bufs.length - 1];
        while (last.hasRemaining()) ch.write(bufs);
    }

    /** Reads until the buffer is full or the file ends; returns the bytes read. */
    private static int fill(FileChannel in, ByteBuffer buf) throws IOException {
        int got = 0;
        while (buf.hasRemaining()) {
            int n = in.read(buf);
            if (n < 0) break;
            got += n;
        }
        return got;
    }

    static byte[] header(String id, int value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put(id.getBytes(StandardCharsets.US_ASCII))
                .putInt(value).array();
    }
}
