package dev.snapfusion.bridge.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.bridge.tflite.Half;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A memory-mapped safetensors file (8-byte little-endian header length, JSON header, data). The whole
 * header is checked when the file opens, so a lying file fails there with a message naming the file
 * and the problem, never later with an index error. Each tensor read maps only that tensor's bytes,
 * so files above 2 GB work and nothing is held between reads. Thread-safe.
 *
 * <pre>{@code
 * try (SafetensorsFile f = SafetensorsFile.open(Path.of("unet/diffusion_pytorch_model.safetensors"))) {
 *     float[] w = f.floats("conv_in.weight");
 * }
 * }</pre>
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Headers of real checkpoints are well under 1 MB; 100 MB means the length word is garbage. */
    static final long MAX_HEADER = 100L * 1024 * 1024;
    // A repeated tensor name is a header that lies too: refuse it rather than let the last entry win.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, SafetensorsTensor> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, Map<String, SafetensorsTensor> tensors,
                            Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Opens and validates {@code file}; throws {@link CheckpointException} naming the file when it is not valid. */
    public static SafetensorsFile open(Path file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot open safetensors file: " + e.getMessage());
        }
        try {
            SafetensorsFile f = parse(file, ch);
            return f;
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static SafetensorsFile parse(Path file, FileChannel ch) {
        try {
            long size = ch.size();
            if (size < 8) throw bad(file, "truncated: " + size + " bytes, shorter than the 8-byte header length");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.getLong(0);
            if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > size - 8) {
                throw bad(file, "header length " + Long.toUnsignedString(headerLen) + " is absurd (file has " + size
                        + " bytes, limit " + MAX_HEADER + "); the file is truncated or not safetensors");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, 8);
            String header = new String(hb.array(), StandardCharsets.UTF_8);
            JsonNode root;
            try {
                root = JSON.readTree(header);
            } catch (JsonProcessingException e) {
                throw bad(file, "header is not JSON: " + e.getOriginalMessage());
            }
            if (!(root instanceof ObjectNode)) throw bad(file, "header is not a JSON object");
            long dataLen = size - 8 - headerLen;
            Map<String, SafetensorsTensor> out = new LinkedHashMap<>();
            Map<String, String> meta = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    readMetadata(file, e.getValue(), meta);
                } else {
                    out.put(e.getKey(), entry(file, e.getKey(), e.getValue(), dataLen));
                }
            }
            checkOverlaps(file, out);
            return new SafetensorsFile(file, ch, 8 + headerLen, Collections.unmodifiableMap(out), Collections.unmodifiableMap(meta));
        } catch (IOException e) {
            throw bad(file, "cannot read: " + e.getMessage());
        }
    }

    private static SafetensorsTensor entry(Path file, String name, JsonNode n, long dataLen) {
        if (!n.isObject()) throw bad(file, "tensor '" + name + "': entry is not an object");
        JsonNode dt = n.get("dtype"), sh = n.get("shape"), off = n.get("data_offsets");
        if (dt == null || !dt.isTextual()) throw bad(file, "tensor '" + name + "': missing dtype");
        SafetensorsDtype dtype = SafetensorsDtype.parse(dt.asText());
        if (dtype == null) throw bad(file, "tensor '" + name + "': unknown dtype '" + dt.asText() + "'");
        if (sh == null || !sh.isArray()) throw bad(file, "tensor '" + name + "': missing shape");
        int[] shape = new int[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() < 0) {
                throw bad(file, "tensor '" + name + "': shape " + sh + " is not a list of non-negative ints");
            }
            shape[i] = d.asInt();
        }
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber()
                || !off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()) {
            throw bad(file, "tensor '" + name + "': data_offsets must be [begin, end]");
        }
        long begin = off.get(0).asLong(), end = off.get(1).asLong();
        if (begin < 0 || end < begin) throw bad(file, "tensor '" + name + "': data_offsets [" + begin + ", " + end + "] are reversed or negative");
        if (end > dataLen) {
            throw bad(file, "tensor '" + name + "': data_offsets end " + end + " is past the end of the data (" + dataLen
                    + " bytes); the file is truncated or its header lies");
        }
        long expected;
        try {
            expected = dtype.bytes();
            for (int d : shape) expected = Math.multiplyExact(expected, (long) d);
        } catch (ArithmeticException e) {
            throw bad(file, "tensor '" + name + "': shape " + Arrays.toString(shape) + " overflows");
        }
        if (expected != end - begin) {
            throw bad(file, "tensor '" + name + "': shape " + Arrays.toString(shape) + " × " + dtype + " (" + dtype.bytes()
                    + " bytes) needs " + expected + " bytes but data_offsets span " + (end - begin));
        }
        return new SafetensorsTensor(name, dtype, shape, begin, end);
    }

    private static void readMetadata(Path file, JsonNode n, Map<String, String> meta) {
        if (!n.isObject()) throw bad(file, "__metadata__ is not an object");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) throw bad(file, "__metadata__." + e.getKey() + " is not a string");
            meta.put(e.getKey(), e.getValue().asText());
        }
    }

    private static void checkOverlaps(Path file, Map<String, SafetensorsTensor> tensors) {
        List<SafetensorsTensor> byBegin = new ArrayList<>(tensors.values());
        byBegin.removeIf(t -> t.byteLength() == 0);
        byBegin.sort(Comparator.comparingLong(SafetensorsTensor::begin));
        for (int i = 1; i < byBegin.size(); i++) {
            SafetensorsTensor a = byBegin.get(i - 1), b = byBegin.get(i);
            if (b.begin() < a.end()) {
                throw bad(file, "tensors '" + a.name() + "' [" + a.begin() + ", " + a.end() + ") and '" + b.name() + "' ["
                        + b.begin() + ", " + b.end() + ") overlap");
            }
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) throw new IOException("unexpected end of file");
            pos += n;
        }
    }

    private static CheckpointException bad(Path file, String problem) {
        return new CheckpointException(file + ": " + problem);
    }

    public Path path() {
        return path;
    }

    /** Tensor entries in header order. */
    public Map<String, SafetensorsTensor> tensors() {
        return tensors;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Where the data section starts: tensor offsets count from here. */
    long dataStart() {
        return dataStart;
    }

    public SafetensorsTensor info(String name) {
        SafetensorsTensor t = tensors.get(name);
        if (t == null) throw new CheckpointException(path + ": no tensor '" + name + "'");
        return t;
    }

    /** The tensor as float32 (F32, F16 and BF16 convert exactly). */
    public float[] floats(String name) {
        SafetensorsTensor t = info(name);
        if (!t.dtype().floatConvertible()) {
            throw new CheckpointException(path + ": tensor '" + name + "' is " + t.dtype() + "; only F32, F16 and BF16 convert to float");
        }
        if (t.elements() > Integer.MAX_VALUE - 8) throw new CheckpointException(path + ": tensor '" + name + "' is too large for one array");
        float[] out = new float[(int) t.elements()];
        if (out.length == 0) return out;
        ByteBuffer b = map(t).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case F32 -> b.asFloatBuffer().get(out);
            case F16 -> {
                var s = b.asShortBuffer();
                for (int i = 0; i < out.length; i++) out[i] = Half.toFloat(s.get(i));
            }
            case BF16 -> {
                var s = b.asShortBuffer();
                for (int i = 0; i < out.length; i++) out[i] = Float.intBitsToFloat((s.get(i) & 0xffff) << 16);
            }
            default -> throw new IllegalStateException(t.dtype().name());
        }
        return out;
    }

    private MappedByteBuffer map(SafetensorsTensor t) {
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), t.byteLength());
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot map tensor '" + t.name() + "': " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Read-only channel: nothing to lose on close.
        }
    }
}
