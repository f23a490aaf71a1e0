package dev.snapfusion.bridge.toy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes samples of a split as PNGs ({@code train-000000.png}, ...) with a captions.jsonl beside them: ground truth
 * for the judge, and the data a trainer reads. Stateless and thread-safe.
 */
public final class ToySamples {
    private ToySamples() {
    }

    /** Samples {@code first .. first + count - 1} of the split at {@code size}×{@code size}; returns the entries written. */
    public static List<CaptionsFile.Entry> write(Path dir, ToySplit split, long first, int count, int size) throws IOException {
        if (count < 1) throw new IllegalArgumentException("count must be ≥ 1, got " + count);
        if (size < ToyWorld.MIN_SIZE) throw new IllegalArgumentException("size must be ≥ " + ToyWorld.MIN_SIZE + " px, got " + size);
        Files.createDirectories(dir);
        List<CaptionsFile.Entry> entries = new ArrayList<>(count);
        for (long i = first; i < first + count; i++) {
            ToyScene scene = ToyWorld.sample(split, i);
            String name = String.format(Locale.ROOT, "%s-%06d.png", split.wireName(), i);
            Files.write(dir.resolve(name), scene.render(size).png());
            entries.add(CaptionsFile.Entry.of(scene, split, i, size, name));
        }
        CaptionsFile.write(dir.resolve(CaptionsFile.NAME), entries);
        return entries;
    }
}
