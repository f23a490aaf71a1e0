package dev.snapfusion.bridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.tflite.Half;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-built safetensors bytes: every field read back, every lie in a header refused with the file named. */
class SafetensorsFileTest {
    @TempDir
    Path dir;

    /** 8-byte length + header + data, with no help from the writer under test. */
    private Path file(String name, String header, byte[] data) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static byte[] le(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    @Test
    void floats_handBuiltF32F16Bf16_convertExactly() throws Exception {
        ByteBuffer d = ByteBuffer.allocate(8 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        d.putFloat(1.5f).putFloat(-2.25f);
        d.putShort(Half.fromFloat(0.5f)).putShort(Half.fromFloat(-3f));
        d.putShort((short) 0x3fc0).putShort((short) 0xc040);             // bf16 1.5, -3.0
        Path p = file("a.safetensors", "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F16\",\"shape\":[1,2],\"data_offsets\":[8,12]},"
                + "\"c\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[12,16]}}", d.array());
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.tensors().keySet()).containsExactly("a", "b", "c");
            assertThat(f.metadata()).containsEntry("format", "pt");
            assertThat(f.floats("a")).containsExactly(1.5f, -2.25f);
            assertThat(f.floats("b")).containsExactly(0.5f, -3f);
            assertThat(f.floats("c")).containsExactly(1.5f, -3f);
            assertThat(f.info("b").shape()).containsExactly(1, 2);
            assertThat(f.info("b").dtype()).isEqualTo(SafetensorsDtype.F16);
        }
    }

    @Test
    void writer_roundTripsEveryFloatDtype() throws Exception {
        float[] v = {0.1f, -7.3f, 1e-3f, 65000f};
        Path p = dir.resolve("w.safetensors");
        new SafetensorsWriter().add("f32", SafetensorsDtype.F32, new int[] {2, 2}, v).add("f16", SafetensorsDtype.F16, new int[] {4}, v)
                .add("bf16", SafetensorsDtype.BF16, new int[] {4, 1}, v).metadata("k", "v").write(p);
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.floats("f32")).containsExactly(v);
            for (int i = 0; i < v.length; i++) {
                assertThat(f.floats("f16")[i]).isEqualTo(Half.toFloat(Half.fromFloat(v[i])));
                assertThat(f.floats("bf16")[i]).isEqualTo(SafetensorsWriter.roundTrip(SafetensorsDtype.BF16, v[i]));
                assertThat(f.floats("bf16")[i]).isCloseTo(v[i], org.assertj.core.data.Percentage.withPercentage(0.5));
            }
            assertThat(f.metadata()).containsEntry("k", "v");
        }
        assertThat((Files.readAllBytes(p)[0] & 0xff) % 8).as("header padded to 8 bytes").isZero();
        try (var s = Files.list(dir)) {
            assertThat(s.map(x -> x.getFileName().toString())).containsExactly("w.safetensors");
        }
    }

    @Test
    void bf16_roundsToNearestEven() {
        assertThat(SafetensorsWriter.toBf16(Float.intBitsToFloat(0x3f808000))).isEqualTo((short) 0x3f80);   // tie, even stays
        assertThat(SafetensorsWriter.toBf16(Float.intBitsToFloat(0x3f818000))).isEqualTo((short) 0x3f82);   // tie, odd rounds up
        assertThat(SafetensorsWriter.toBf16(Float.intBitsToFloat(0x3f808001))).isEqualTo((short) 0x3f81);
    }

    @Test
    void open_shorterThanLengthWord_truncated() throws Exception {
        Path p = dir.resolve("short.safetensors");
        Files.write(p, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SafetensorsFile.open(p)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("truncated");
    }

    @Test
    void open_headerLengthPastFileEnd_absurd() throws Exception {
        Path p = dir.resolve("lie.safetensors");
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        Files.write(p, b.array());
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining(p.toString()).hasMessageContaining("header length 1000 is absurd");
    }

    @Test
    void open_headerLengthOver100MB_absurdEvenInABigSparseFile() throws Exception {
        Path p = dir.resolve("huge-header.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(200L * 1024 * 1024);
            f.write(b.array());
            f.setLength(300L * 1024 * 1024);   // sparse: the length word fits the file, but no header is that long
        }
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining(p.toString()).hasMessageContaining("absurd");
    }

    @Test
    void open_negativeHeaderLength_absurd() throws Exception {
        Path p = dir.resolve("neg.safetensors");
        Files.write(p, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-5).array());
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining("absurd");
    }

    @Test
    void open_headerNotJson_named() throws Exception {
        Path p = file("nojson.safetensors", "{\"a\": [1, 2", new byte[0]);
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining(p.toString()).hasMessageContaining("header is not JSON");
        Path d = file("dup.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", le(1, 2));
        assertThatThrownBy(() -> SafetensorsFile.open(d)).hasMessageContaining(d.toString()).hasMessageContaining("Duplicate field 'a'");
        Path q = file("array.safetensors", "[1,2]", new byte[0]);
        assertThatThrownBy(() -> SafetensorsFile.open(q)).hasMessageContaining("not a JSON object");
    }

    @Test
    void open_offsetsPastEnd_truncatedData() throws Exception {
        Path p = file("trunc.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", le(1, 2));
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining(p.toString())
                .hasMessageContaining("tensor 'a'").hasMessageContaining("past the end of the data (8 bytes)");
    }

    @Test
    void open_overlappingRanges_bothNamed() throws Exception {
        Path p = file("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", le(1, 2, 3));
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining(p.toString())
                .hasMessageContaining("'a' [0, 8)").hasMessageContaining("'b' [4, 12)").hasMessageContaining("overlap");
    }

    @Test
    void open_shapeTimesDtypeNotByteLength_refused() throws Exception {
        Path p = file("shape.safetensors", "{\"a\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,8]}}", le(1, 2));
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining(p.toString())
                .hasMessageContaining("shape [3] × F16 (2 bytes) needs 6 bytes but data_offsets span 8");
    }

    @Test
    void open_unknownDtype_named() throws Exception {
        Path p = file("dtype.safetensors", "{\"a\":{\"dtype\":\"F12\",\"shape\":[2],\"data_offsets\":[0,8]}}", le(1, 2));
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining(p.toString()).hasMessageContaining("unknown dtype 'F12'");
    }

    @Test
    void open_reversedOffsetsOrBadShape_refused() throws Exception {
        Path p = file("rev.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", le(1, 2));
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining("reversed");
        Path q = file("neg.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", le(1, 2));
        assertThatThrownBy(() -> SafetensorsFile.open(q)).hasMessageContaining("non-negative");
        Path r = file("noff.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", le(1, 2));
        assertThatThrownBy(() -> SafetensorsFile.open(r)).hasMessageContaining("data_offsets must be [begin, end]");
        Path s = file("huge.safetensors", "{\"a\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,8]}}", le(1, 2));
        assertThatThrownBy(() -> SafetensorsFile.open(s)).hasMessageContaining("overflows");
    }

    @Test
    void floats_integerTensor_refusedButFileOpens() throws Exception {
        Path p = file("int.safetensors", "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThatThrownBy(() -> f.floats("ids")).hasMessageContaining("I64").hasMessageContaining(p.toString());
            assertThatThrownBy(() -> f.floats("nope")).hasMessageContaining("no tensor 'nope'");
        }
    }

    @Test
    void floats_tensorBeyond2GiB_readThroughItsOwnMapping() throws Exception {
        long pad = 2L * 1073741832;   // > 2^31 bytes of U8 padding before the tensor we read
        String header = "{\"pad\":{\"dtype\":\"U8\",\"shape\":[2,1073741832],\"data_offsets\":[0," + pad + "]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[" + pad + "," + (pad + 12) + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path p = dir.resolve("big.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            f.write(h);
            f.seek(8 + h.length + pad);   // sparse gap: costs no disk
            f.write(le(4.5f, -1f, 2f));
        }
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.floats("w")).containsExactly(4.5f, -1f, 2f);
        }
    }
}
