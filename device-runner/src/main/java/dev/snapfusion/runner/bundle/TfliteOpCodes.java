package dev.snapfusion.runner.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads just the {@code operator_codes} table of a .tflite flatbuffer (tensorflow/lite/schema/schema.fbs), by hand:
 * the runner module must not depend on the flatc-generated schema classes, and a 1.7 GB model is read with a
 * few dozen positional reads instead of a mapping. Layout followed (all little-endian):
 * <pre>
 *   u32 at 0                      → Model table
 *   table: i32 soffset            → its vtable at (table − soffset): u16 vtable size, u16 table size, u16 field offsets
 *   Model field 1 operator_codes  → u32 count, then count × u32 → OperatorCode tables
 *   OperatorCode: 0 deprecated_builtin_code (i8, default 0), 1 custom_code (string), 2 version (i32, default 1),
 *                 3 builtin_code (i32, default 0)
 * </pre>
 * A reference field holds a u32 offset from its own position; a string is a u32 length and UTF-8 bytes.
 * Not thread-safe (one reader per file).
 */
final class TfliteOpCodes {
    private static final int MAX_CODES = 1 << 16;

    private final FileChannel channel;
    private final ByteBuffer memory;
    private final long size;
    private final String name;
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    private TfliteOpCodes(String name, FileChannel channel, ByteBuffer memory, long size) {
        this.name = name;
        this.channel = channel;
        this.memory = memory;
        this.size = size;
    }

    static List<OpCode> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new TfliteOpCodes(file.toString(), ch, null, ch.size()).codes();
        } catch (IOException e) {
            throw new BundleFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static List<OpCode> read(String name, ByteBuffer model) {
        ByteBuffer b = model.slice().order(ByteOrder.LITTLE_ENDIAN);
        return new TfliteOpCodes(name, null, b, b.remaining()).codes();
    }

    private List<OpCode> codes() {
        if (size < 8) throw bad("shorter than a flatbuffer header");
        long model = ref(0);
        long vector = field(model, 1);
        List<OpCode> out = new ArrayList<>();
        if (vector == 0) return out;
        vector = ref(vector);
        long n = u32(vector);
        if (n > MAX_CODES) throw bad("operator_codes claims " + n + " entries");
        for (long i = 0; i < n; i++) {
            long code = ref(vector + 4 + 4 * i);
            long deprecatedAt = field(code, 0), customAt = field(code, 1), versionAt = field(code, 2), builtinAt = field(code, 3);
            int deprecated = deprecatedAt == 0 ? 0 : bytes(deprecatedAt, 1).get();
            int version = versionAt == 0 ? 1 : i32(versionAt);
            int builtin = builtinAt == 0 ? 0 : i32(builtinAt);
            int resolved = Math.max(deprecated, builtin);
            String custom = resolved == OpCode.CUSTOM && customAt != 0 ? string(ref(customAt)) : null;
            out.add(new OpCode(resolved, version, custom));
        }
        return out;
    }

    /** Absolute position of field {@code f} of the table at {@code table}, or 0 when the field is absent. */
    private long field(long table, int f) {
        long vtable = table - i32(table);
        int vtableSize = u16(vtable);
        if (4 + 2 * f >= vtableSize) return 0;
        int offset = u16(vtable + 4 + 2 * f);
        return offset == 0 ? 0 : table + offset;
    }

    /** The position a u32 forward reference at {@code at} points to. */
    private long ref(long at) {
        return at + u32(at);
    }

    private String string(long at) {
        long len = u32(at);
        if (len > 4096) throw bad("custom_code of " + len + " bytes");
        ByteBuffer b = bytes(at + 4, (int) len);
        byte[] a = new byte[(int) len];
        b.get(a);
        return new String(a, StandardCharsets.UTF_8);
    }

    private long u32(long at) {
        return bytes(at, 4).getInt() & 0xFFFFFFFFL;
    }

    private int i32(long at) {
        return bytes(at, 4).getInt();
    }

    private int u16(long at) {
        return bytes(at, 2).getShort() & 0xFFFF;
    }

    private ByteBuffer bytes(long at, int n) {
        if (at < 0 || at + n > size) throw bad("a table points outside the file (offset " + at + ")");
        ByteBuffer b = n <= scratch.capacity() ? scratch : ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        b.clear();
        b.limit(n);
        if (memory != null) {
            for (int i = 0; i < n; i++) b.put(memory.get((int) at + i));
        } else {
            try {
                while (b.hasRemaining()) {
                    if (channel.read(b, at + b.position()) < 0) throw bad("ends early");
                }
            } catch (IOException e) {
                throw new BundleFormatException(name + ": cannot read: " + e.getMessage(), e);
            }
        }
        b.flip();
        return b;
    }

    private BundleFormatException bad(String what) {
        return new BundleFormatException(name + ": not a TFLite model: " + what);
    }
}
