package dev.snapfusion.bridge.source;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A view of another checkpoint under the names the graph builders use: each stored name that
 * {@code keep} selects is renamed by {@code rename} (old VAE attention names, LDM single files).
 * A name the rename cannot translate keeps its stored name, so a strict check reports it as a
 * leftover rather than dropping it. Stored 1×1 conv kernels [C, C, 1, 1] also read as [C, C]
 * linears, because LDM's VAE attention stores its projections that way. Thread-safe.
 */
public final class RenamedCheckpoint implements NamedCheckpoint {
    private final NamedCheckpoint source;
    private final String label;
    private final Map<String, String> toSource = new LinkedHashMap<>();

    public RenamedCheckpoint(NamedCheckpoint source, String label, java.util.function.Predicate<String> keep, UnaryOperator<String> rename) {
        this.source = source;
        this.label = label;
        for (String s : source.names()) {
            if (!keep.test(s)) continue;
            String t = rename.apply(s);
            String before = toSource.put(t == null ? s : t, s);
            if (before != null) {
                throw new CheckpointException(source.describe() + ": " + before + " and " + s + " both map to " + t);
            }
        }
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(toSource.keySet());
    }

    @Override
    public int[] shape(String name) {
        return source.shape(sourceName(name));
    }

    @Override
    public String storedName(String name) {
        return source.storedName(sourceName(name));
    }

    @Override
    public float[] tensor(String name, int... shape) {
        String s = sourceName(name);
        int[] stored = source.shape(s);
        if (!Arrays.equals(stored, shape) && sameUpToTrailingOnes(stored, shape)) return source.tensor(s, stored);
        try {
            return source.tensor(s, shape);
        } catch (CheckpointException e) {
            throw s.equals(name) ? e : new CheckpointException(e.getMessage() + " (read as " + name + ")");
        }
    }

    private String sourceName(String name) {
        String s = toSource.get(name);
        if (s == null) throw new CheckpointException(describe() + ": missing tensor " + name);
        return s;
    }

    private static boolean sameUpToTrailingOnes(int[] a, int[] b) {
        int[] x = strip(a), y = strip(b);
        return Arrays.equals(x, y);
    }

    private static int[] strip(int[] s) {
        int n = s.length;
        while (n > 1 && s[n - 1] == 1) n--;
        return Arrays.copyOf(s, n);
    }

    @Override
    public String describe() {
        return source.describe() + (label.isEmpty() ? "" : " (" + label + ")");
    }
}
