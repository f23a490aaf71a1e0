package dev.snapfusion.link.virtual;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One ADB stream seen from the device: bytes the host sent (WRTE) come out of {@link #input()}, bytes written to
 * {@link #output()} go to the host as WRTE packets, one in flight until the host's OKAY.
 *
 * <p>Incoming WRTEs are queued without blocking the connection's reader (dadb does not wait for our OKAY); the
 * OKAY that lets an adb server send the next one is sent when the service takes the chunk, which bounds the queue
 * for well-behaved hosts. Thread-safe: the connection thread delivers, one service thread reads and writes.
 */
final class DeviceStream {
    private static final byte[] EOF = new byte[0];

    private final int localId;
    private final int remoteId;
    private final AdbPacketWriter writer;
    private final int maxData;
    private final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
    private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();
    private final Object flow = new Object();
    private boolean writeInFlight;
    private volatile boolean closed;
    private volatile boolean closedByPeer;

    DeviceStream(int localId, int remoteId, AdbPacketWriter writer, int maxData) {
        this.localId = localId;
        this.remoteId = remoteId;
        this.writer = writer;
        this.maxData = maxData;
    }

    int localId() {
        return localId;
    }

    int maxData() {
        return maxData;
    }

    /** Connection thread: the host wrote data on this stream. */
    void deliver(byte[] data) {
        if (!closed) incoming.add(data);
    }

    /** Connection thread: the host acknowledged our last WRTE. */
    void acknowledged() {
        synchronized (flow) {
            writeInFlight = false;
            flow.notifyAll();
        }
    }

    /** The host closed the stream (or the connection died): wake everyone and run the close hooks once. */
    void peerClosed() {
        closedByPeer = true;
        shutDown();
    }

    /** Runs when the stream ends for any reason; used to kill a child process nobody listens to anymore. */
    void onClose(Runnable hook) {
        closeHooks.add(hook);
        if (closed) hook.run();
    }

    /** Service thread is done: tell the host unless it closed first. */
    void finish() {
        boolean tell = !closedByPeer && !closed;
        shutDown();
        if (tell) {
            try {
                writer.write(new AdbPacket(AdbPacket.CLSE, localId, remoteId, null));
            } catch (IOException ignored) {
                // the connection is gone; nothing to tell
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void shutDown() {
        synchronized (flow) {
            if (closed) return;
            closed = true;
            flow.notifyAll();
        }
        incoming.add(EOF);
        for (Runnable hook : closeHooks) hook.run();
    }

    InputStream input() {
        return new InputStream() {
            private byte[] chunk = new byte[0];
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) return 0;
                while (pos >= chunk.length) {
                    if (chunk == EOF) return -1;
                    try {
                        chunk = incoming.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted reading stream " + localId);
                    }
                    pos = 0;
                    if (chunk == EOF) {
                        incoming.add(EOF); // stay at end for later reads
                        return -1;
                    }
                    okay();
                }
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    private void okay() throws IOException {
        if (!closed) writer.write(new AdbPacket(AdbPacket.OKAY, localId, remoteId, null));
    }

    /** Unbuffered: every write call becomes one or more WRTE packets of at most maxData bytes. */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    int n = Math.min(len, maxData);
                    awaitWindow();
                    writer.write(AdbPacket.WRTE, localId, remoteId, b, off, n);
                    off += n;
                    len -= n;
                }
            }
        };
    }

    private void awaitWindow() throws IOException {
        synchronized (flow) {
            while (writeInFlight && !closed) {
                try {
                    flow.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted writing stream " + localId);
                }
            }
            if (closed) throw new IOException("stream " + localId + " closed");
            writeInFlight = true;
        }
    }
}
