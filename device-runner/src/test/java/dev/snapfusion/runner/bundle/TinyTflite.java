package dev.snapfusion.runner.bundle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the smallest flatbuffers that hold a Model with an {@code operator_codes} table, byte by byte, so the
 * hand reader is tested against an independent writer (not against itself). Layout, front to back:
 * <pre>
 *   0  u32 → Model table at 16        4  "TFL3"
 *   8  Model vtable [8, 12, 4, 8]     (fields version, operator_codes)
 *  16  Model table: soffset 8, version 3, u32 → vector
 *  28  vector: u32 n, n × u32 → entries
 *      per entry: vtable [12, 20, dep, custom, version, builtin] (0 = field absent), table, then its string
 * </pre>
 */
final class TinyTflite {
    /** One OperatorCode; a null field is left out of the table (the reader must apply the schema default). */
    record Entry(Integer deprecated, Integer builtin, Integer version, String custom) {
        static Entry builtin(int code, int version) {
            return new Entry(Math.min(code, 127), code, version, null);
        }
    }

    private TinyTflite() {
    }

    static byte[] model(List<Entry> entries) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 16);
        b.put(4, "TFL3".getBytes(StandardCharsets.US_ASCII));
        b.putShort(8, (short) 8).putShort(10, (short) 12).putShort(12, (short) 4).putShort(14, (short) 8);
        b.putInt(16, 16 - 8).putInt(20, 3);
        ref(b, 24, 28);
        b.putInt(28, entries.size());
        int p = 32 + 4 * entries.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int vtable = p, table = p + 12;
            b.putShort(vtable, (short) 12).putShort(vtable + 2, (short) 20);
            b.putShort(vtable + 4, (short) (e.deprecated() == null ? 0 : 4));
            b.putShort(vtable + 6, (short) (e.custom() == null ? 0 : 8));
            b.putShort(vtable + 8, (short) (e.version() == null ? 0 : 12));
            b.putShort(vtable + 10, (short) (e.builtin() == null ? 0 : 16));
            b.putInt(table, table - vtable);
            if (e.deprecated() != null) b.put(table + 4, (byte) (int) e.deprecated());
            if (e.version() != null) b.putInt(table + 12, e.version());
            if (e.builtin() != null) b.putInt(table + 16, e.builtin());
            ref(b, 32 + 4 * i, table);
            p = table + 20;
            if (e.custom() != null) {
                byte[] s = e.custom().getBytes(StandardCharsets.UTF_8);
                ref(b, table + 8, p);
                b.putInt(p, s.length);
                b.put(p + 4, s);
                p = (p + 4 + s.length + 1 + 3) / 4 * 4;   // NUL, then 4-aligned
            }
        }
        byte[] out = new byte[p];
        b.get(0, out);
        return out;
    }

    private static void ref(ByteBuffer b, int at, int target) {
        b.putInt(at, target - at);
    }
}
