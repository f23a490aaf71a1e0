package dev.snapfusion.link;

import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.FileEntry;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.bundle.SchedulerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Fake bundles for push tests: random files of given sizes and a manifest written by ManifestCodec. */
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
                for (long left = e.getValue(); left > 0; ) {
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
