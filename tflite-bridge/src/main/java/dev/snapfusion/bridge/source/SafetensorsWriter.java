package dev.snapfusion.bridge.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.bridge.tflite.Half;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes safetensors files for tests and tools (tiny checkpoints): tensors are held until
 * {@link #write}, which goes through a temp file and a rename so no partial file carries the final
 * name. The header is padded with spaces to 8 bytes, as the reference writer does. Not thread-safe.
 *
 * <pre>{@code
 * new SafetensorsWriter().add("w", SafetensorsDtype.F16, new int[] {2, 2}, values).write(Path.of("x.safetensors"));
 * }</pre>
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(String name, SafetensorsDtype dtype, int[] shape, byte[] bytes) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** Adds float values stored as {@code dtype} (F32, F16 with round-to-nearest-even, or BF16 likewise). */
    public SafetensorsWriter add(String name, SafetensorsDtype dtype, int[] shape, float[] values) {
        long n = 1;
        for (int d : shape) n *= d;
        if (n != values.length) throw new IllegalArgumentException(name + ": " + values.length + " values for shape of " + n);
        ByteBuffer b = ByteBuffer.allocate(values.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (dtype) {
                case F32 -> b.putFloat(v);
                case F16 -> b.putShort(Half.fromFloat(v));
                case BF16 -> b.putShort(toBf16(v));
                default -> throw new IllegalArgumentException(name + ": cannot write floats as " + dtype);
            }
        }
        entries.add(new Entry(name, dtype, shape.clone(), b.array()));
        return this;
    }

    /** Adds raw little-endian bytes as they are (integer buffers, or deliberately broken entries in tests). */
    public SafetensorsWriter addRaw(String name, SafetensorsDtype dtype, int[] shape, byte[] bytes) {
        entries.add(new Entry(name, dtype, shape.clone(), bytes.clone()));
        return this;
    }

    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** bfloat16 with round-to-nearest-even, as torch's {@code .to(torch.bfloat16)} rounds. */
    public static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7f800000) == 0x7f800000 && (bits & 0x7fffff) != 0) return (short) ((bits >>> 16) | 0x40);
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    public static float roundTrip(SafetensorsDtype dtype, float v) {
        return switch (dtype) {
            case F32 -> v;
            case F16 -> Half.toFloat(Half.fromFloat(v));
            case BF16 -> Float.intBitsToFloat((toBf16(v) & 0xffff) << 16);
            default -> throw new IllegalArgumentException(dtype.name());
        };
    }

    /** The bytes of the whole file. */
    public byte[] toBytes() {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Entry e : entries) {
            ObjectNode t = header.putObject(e.name());
            t.put("dtype", e.dtype().name());
            ArrayNode s = t.putArray("shape");
            for (int d : e.shape()) s.add(d);
            t.putArray("data_offsets").add(offset).add(offset + e.bytes().length);
            offset += e.bytes().length;
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate((int) (8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) out.put((byte) ' ');
        for (Entry e : entries) out.put(e.bytes());
        return out.array();
    }

    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".partial");
        try {
            try (OutputStream o = Files.newOutputStream(tmp)) {
                o.write(toBytes());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
