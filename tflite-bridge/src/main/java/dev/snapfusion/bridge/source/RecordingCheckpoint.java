package dev.snapfusion.bridge.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Passes reads through and remembers each name and shape in first-request order. Not thread-safe. */
final class RecordingCheckpoint implements Checkpoint {
    private final Checkpoint inner;
    private final Map<String, int[]> seen = new LinkedHashMap<>();

    RecordingCheckpoint(Checkpoint inner) {
        this.inner = inner;
    }

    @Override
    public float[] tensor(String name, int... shape) {
        seen.putIfAbsent(name, shape.clone());
        return inner.tensor(name, shape);
    }

    Map<String, int[]> seen() {
        return Collections.unmodifiableMap(seen);
    }

    @Override
    public String describe() {
        return inner.describe();
    }
}
