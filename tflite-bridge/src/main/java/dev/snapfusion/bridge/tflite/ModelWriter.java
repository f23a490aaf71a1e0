package dev.snapfusion.bridge.tflite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Writes a .tflite flatbuffer front to back, so buffer data can be streamed out while a graph is still
 * being built. {@code FlatBufferBuilder} builds back to front and holds everything, and TFLite 2.6.2
 * cannot read weights stored outside the flatbuffer (no {@code Buffer.offset}), hence a hand layout.
 * Flatbuffer offsets ({@code uoffset_t}) only point forward, so the parts go in this order:
 *
 * <pre>
 *   0  root uoffset → Model table (at 32)        |  header, written last (positional write)
 *   4  "TFL3"                                     |
 *   8  Model vtable (5 fields)                    |
 *  32  Model table: version, operator_codes ─┐, subgraphs ─┐, description ─┐, buffers ─┐
 *  56  buffers vector: N uoffsets ─────────────────────────────────────────┼──────────┘
 *      (file mode: room for {@value #MAX_BUFFERS} entries is reserved)      │
 *  base (16-aligned): Buffer vtables, Buffer 0 (empty), then per buffer:    │
 *      [Buffer table: soffset, uoffset=4][u32 length][data, 16-aligned]     │
 *  tail (16-aligned): a FlatBufferBuilder model holding tensors, operators, │
 *      operator codes and the description; its own root is unused, the ────┘
 *      header's fields point into it.
 * </pre>
 *
 * Everything between the data region's start and a buffer is relative, so the memory mode builds the
 * region first and places it right after an exactly sized header. Not thread-safe.
 */
final class ModelWriter {
    static final int MAX_BUFFERS = 1 << 16;
    /** Flatbuffers' verifier refuses buffers of 2 GiB and more; TFLite 2.6.2 verifies every model it loads. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64L;
    private static final int SCHEMA_VERSION = 3;
    private static final int MODEL_TABLE = 32;
    private static final int BUFFERS_VECTOR = 56;
    private static final long COMPACT_BELOW = 64L << 20;
    private static final int FILE_DATA_BASE = align(BUFFERS_VECTOR + 4 + 4 * MAX_BUFFERS, 16);

    private final Sink sink;
    private final long base;       // absolute file position of the data region; -1 until known (memory mode)
    private final IntList tables = new IntList();
    private long dataLen;
    private final String name;

    private ModelWriter(String name, Sink sink, long base) {
        this.name = name;
        this.sink = sink;
        this.base = base;
        ByteBuffer start = le(16);
        start.putShort((short) 6).putShort((short) 8).putShort((short) 4).putShort((short) 0); // Buffer{data} vtable at 0
        start.putShort((short) 4).putShort((short) 4);                                        // Buffer{} vtable at 8
        start.putInt(12 - 8);                                                                 // Buffer 0 at 12
        write(start.flip());
        tables.add(12);
    }

    static ModelWriter inMemory(String name) {
        return new ModelWriter(name, new MemorySink(), -1);
    }

    static ModelWriter toFile(String name, FileChannel channel) {
        return new ModelWriter(name, new FileSink(channel, FILE_DATA_BASE), FILE_DATA_BASE);
    }

    int bufferCount() {
        return tables.size();
    }

    /** Produces a buffer's bytes piecewise, so big weights are encoded straight into the output's staging memory. */
    @FunctionalInterface
    interface Encoder {
        /** Fills {@code dst} (little-endian, from its position to its limit) with data bytes {@code [from, from + dst.remaining())}. */
        void encode(ByteBuffer dst, long from);
    }

    /** Appends a buffer holding {@code data}'s remaining bytes; returns its index. */
    int addBuffer(ByteBuffer data) {
        ByteBuffer d = data.slice();
        return addBuffer(d.remaining(), 1, (dst, from) -> dst.put(d.slice((int) from, dst.remaining())));
    }

    /**
     * Appends a buffer of {@code length} bytes made by {@code enc}, which is called on pieces whose size
     * and start are multiples of {@code unit} (2 for halves, 4 for floats); returns its index.
     */
    int addBuffer(long length, int unit, Encoder enc) {
        if (tables.size() >= MAX_BUFFERS) {
            throw new IllegalArgumentException(name + ": more than " + MAX_BUFFERS + " constant tensors; split the graph");
        }
        long p = dataLen + ((4 - dataLen % 16) + 16) % 16;   // table at ≡ 4 (mod 16) puts the data at ≡ 0
        long end = Math.max(base, FILE_DATA_BASE) + p + 12 + length;
        if (end > MAX_FILE_BYTES) {
            throw new ModelTooLargeException(name + ": weights exceed TFLite's 2 GB flatbuffer limit after "
                    + (p >> 20) + " MiB; split the model into block files");
        }
        write(ByteBuffer.allocate((int) (p - dataLen)));
        ByteBuffer head = le(12);
        head.putInt((int) p).putInt(4).putInt((int) length);
        write(head.flip());
        dataLen += length;
        sink.write(length, unit, enc);
        tables.add((int) p);
        return tables.size() - 1;
    }

    private void write(ByteBuffer b) {
        dataLen += b.remaining();
        sink.write(b);
    }

    /** Writes the tail and the header; returns the file's size. The file-mode channel is not closed. */
    long finish(byte[] tail) {
        long tailRel = align(dataLen, 16);
        write(ByteBuffer.allocate((int) (tailRel - dataLen)));
        write(ByteBuffer.wrap(tail));
        long exactBase = align(BUFFERS_VECTOR + 4 + 4L * tables.size(), 16);
        // Small files give back the unused header reservation (moving the region keeps it 16-aligned).
        long dataBase = base < 0 || dataLen <= COMPACT_BELOW ? exactBase : base;
        long tailPos = dataBase + tailRel;
        long total = tailPos + tail.length;
        if (total > MAX_FILE_BYTES) throw new ModelTooLargeException(name + ": " + total + " bytes exceed TFLite's 2 GB flatbuffer limit");

        ByteBuffer t = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN);
        int root = t.getInt(0);
        ByteBuffer h = le((int) (BUFFERS_VECTOR + 4 + 4L * tables.size()));
        h.putInt(0, MODEL_TABLE);
        h.put(4, "TFL3".getBytes(StandardCharsets.US_ASCII));
        int vt = 8;
        h.putShort(vt, (short) 14).putShort(vt + 2, (short) 24);
        for (int f = 0; f < 5; f++) h.putShort(vt + 4 + 2 * f, (short) (4 + 4 * f));
        h.putInt(MODEL_TABLE, MODEL_TABLE - vt);
        h.putInt(MODEL_TABLE + 4, SCHEMA_VERSION);
        for (int f = 1; f <= 3; f++) {                       // operator_codes, subgraphs, description
            int target = field(t, root, f);
            h.putInt(MODEL_TABLE + 4 + 4 * f, (int) (tailPos + target - (MODEL_TABLE + 4 + 4 * f)));
        }
        h.putInt(MODEL_TABLE + 20, BUFFERS_VECTOR - (MODEL_TABLE + 20));
        h.putInt(BUFFERS_VECTOR, tables.size());
        for (int i = 0; i < tables.size(); i++) {
            int at = BUFFERS_VECTOR + 4 + 4 * i;
            h.putInt(at, (int) (dataBase + tables.get(i) - at));
        }
        sink.finish(h, dataBase);
        return total;
    }

    /** In-memory result (memory mode only, after {@link #finish}). */
    byte[] bytes() {
        return ((MemorySink) sink).result;
    }

    /** Absolute position (within {@code t}) of the object that field {@code f} of the table at {@code table} points to. */
    private static int field(ByteBuffer t, int table, int f) {
        int vtable = table - t.getInt(table);
        int fo = t.getShort(vtable + 4 + 2 * f);
        if (fo == 0) throw new IllegalStateException("tail model lacks field " + f);
        int at = table + fo;
        return at + t.getInt(at);
    }

    static long align(long v, int a) {
        return (v + a - 1) / a * a;
    }

    private static int align(int v, int a) {
        return (v + a - 1) / a * a;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private interface Sink {
        void write(ByteBuffer b);

        void write(long length, int unit, Encoder enc);

        /** Flushes the data region, moves it to {@code dataBase} if it is elsewhere, and writes the header at 0. */
        void finish(ByteBuffer header, long dataBase);
    }

    private static final class MemorySink implements Sink {
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] result;

        @Override
        public void write(ByteBuffer b) {
            if (b.hasArray()) {
                data.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                b.position(b.limit());
            } else {
                byte[] a = new byte[b.remaining()];
                b.get(a);
                data.write(a, 0, a.length);
            }
        }

        @Override
        public void write(long length, int unit, Encoder enc) {
            ByteBuffer b = le((int) length);
            enc.encode(b, 0);
            b.rewind();
            write(b);
        }

        @Override
        public void finish(ByteBuffer header, long dataBase) {
            byte[] d = data.toByteArray();
            result = new byte[(int) dataBase + d.length];
            System.arraycopy(header.array(), 0, result, 0, header.capacity());
            System.arraycopy(d, 0, result, (int) dataBase, d.length);
        }
    }

    /**
     * Positional writes through one direct staging buffer (no per-tensor direct-buffer copies by the JDK).
     * Every {@value #WRITE_BEHIND} bytes a background fsync starts: the kernel would otherwise hold gigabytes
     * dirty until the caller's final force, and flushing them while weights are still being made overlaps
     * disk with CPU (positional writes and force proceed concurrently on a FileChannel).
     */
    private static final class FileSink implements Sink {
        private static final long WRITE_BEHIND = 256L << 20;
        private final FileChannel ch;
        private final ByteBuffer staging = ByteBuffer.allocateDirect(4 << 20);
        private final long start;
        private long pos;
        private long lastSync;
        private java.util.concurrent.CompletableFuture<Void> sync = java.util.concurrent.CompletableFuture.completedFuture(null);

        FileSink(FileChannel ch, long start) {
            this.ch = ch;
            this.start = start;
            this.pos = start;
        }

        @Override
        public void write(ByteBuffer b) {
            while (b.hasRemaining()) {
                int n = Math.min(staging.remaining(), b.remaining());
                ByteBuffer slice = b.duplicate();
                slice.limit(slice.position() + n);
                staging.put(slice);
                b.position(b.position() + n);
                if (!staging.hasRemaining()) flush();
            }
        }

        @Override
        public void write(long length, int unit, Encoder enc) {
            for (long from = 0; from < length; ) {
                if (staging.remaining() < unit) flush();
                int n = (int) Math.min(length - from, staging.remaining() / unit * unit);
                ByteBuffer view = staging.slice(staging.position(), n).order(ByteOrder.LITTLE_ENDIAN);
                enc.encode(view, from);
                staging.position(staging.position() + n);
                from += n;
                if (!staging.hasRemaining()) flush();
            }
        }

        private void flush() {
            staging.flip();
            try {
                while (staging.hasRemaining()) pos += ch.write(staging, pos);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            staging.clear();
            if (pos - lastSync >= WRITE_BEHIND && sync.isDone()) {
                sync.join();   // rethrows a failed earlier sync
                lastSync = pos;
                sync = java.util.concurrent.CompletableFuture.runAsync(this::force, WriteBehind.EXECUTOR);
            }
        }

        private void force() {
            try {
                ch.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finish(ByteBuffer header, long dataBase) {
            flush();
            sync.join();
            header.rewind();
            try {
                if (dataBase != start) {
                    ByteBuffer region = ByteBuffer.allocate((int) (pos - start));
                    while (region.hasRemaining()) ch.read(region, start + region.position());
                    region.flip();
                    long at = dataBase;
                    while (region.hasRemaining()) at += ch.write(region, at);
                    ch.truncate(at);
                }
                long at = 0;
                while (header.hasRemaining()) at += ch.write(header, at);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One daemon thread for all background fsyncs (they are I/O waits, not CPU work). */
    private static final class WriteBehind {
        static final java.util.concurrent.Executor EXECUTOR = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tflite-write-behind");
            t.setDaemon(true);
            return t;
        });
    }

    /** A growable int list (buffer table positions), to avoid boxing tens of thousands of Integers. */
    private static final class IntList {
        private int[] a = new int[256];
        private int n;

        void add(int v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int get(int i) {
            return a[i];
        }

        int size() {
            return n;
        }
    }
}
