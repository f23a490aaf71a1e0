package dev.snapfusion.link;

import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.FileEntry;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.bundle.SchedulerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fake bundles for push tests: random files of given sizes and a manifest written by ManifestCodec. A .tflite file
 * starts with a real (tiny) model holding one ADD v1 operator code, so the pusher's op-floor check passes; the random
 * bytes after it are never read by that check.
 */
final class TestBundles {
    private TestBundles() {
    }

    /** @param sizes relative file path to its size in bytes */
    static Path make(Path dir, String id, Map<String, Long> sizes) throws IOException {
        Random r = new Random(id.hashCode());
        byte[] buf = new byte[1 << 20];
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            try (OutputStream out = Files.newOutputStream(f)) {
                long left = e.getValue();
                if (e.getKey().endsWith(".tflite")) {
                    byte[] model = model(0, 1, null);
                    out.write(model);
                    left -= model.length;
                }
                for (; left > 0; ) {
                    r.nextBytes(buf);
                    int n = (int) Math.min(left, buf.length);
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
        }
        writeManifest(dir, id, new ArrayList<>(sizes.keySet()));
        return dir;
    }

    /**
     * A flatbuffer Model whose operator_codes hold one entry (deprecated_builtin_code, custom_code, version,
     * builtin_code), written byte by byte: root → Model table at 16 (vtable at 8: version,
     * operator_codes) → vector at 28 → OperatorCode table at 48 (vtable at 36), then the custom name.
     */
    static byte[] model(int builtin, int version, String custom) {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 16).put(4, (byte) 'T').put(5, (byte) 'F').put(6, (byte) 'L').put(7, (byte) '3');
        b.putShort(8, (short) 8).putShort(10, (short) 12).putShort(12, (short) 4).putShort(14, (short) 8);
        b.putInt(16, 8).putInt(20, 3).putInt(24, 28 - 24);
        b.putInt(28, 1).putInt(32, 48 - 32);
        b.putShort(36, (short) 12).putShort(38, (short) 20).putShort(40, (short) 4).putShort(42, (short) (custom == null ? 0 : 8))
                .putShort(44, (short) 12).putShort(46, (short) 16);
        b.putInt(48, 48 - 36).put(52, (byte) Math.min(builtin, 127)).putInt(60, version).putInt(64, builtin);
        int end = 68;
        if (custom != null) {
            byte[] name = custom.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            b.putInt(56, end - 56).putInt(end, name.length).put(end + 4, name);
            end += 4 + name.length + 1;
        }
        return java.util.Arrays.copyOf(b.array(), (end + 3) / 4 * 4);
    }

    static Map<String, Long> sizes(Object... pathThenSize) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < pathThenSize.length; i += 2) m.put((String) pathThenSize[i], ((Number) pathThenSize[i + 1]).longValue());
        return m;
    }

    static void writeManifest(Path dir, String id, List<String> paths) throws IOException {
        List<FileEntry> files = new ArrayList<>();
        for (String f : paths) {
            Path p = dir.resolve(f);
            try {
                files.add(new FileEntry(f, Sha256.of(p), Files.size(p)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        BundleManifest m = BundleManifest.builder().id(id).variant("snapfusion").source("demo").quantization("fp16")
                .predictionType("v_prediction").defaults(8, 7.5).latents(4, 8, 8, 0.18215)
                .tokenizer(77, "vocab.json", "merges.txt").timeEmbeddingDim(320).files(files).build();
        ManifestCodec.write(m, dir.resolve("manifest.json"));
    }
}
