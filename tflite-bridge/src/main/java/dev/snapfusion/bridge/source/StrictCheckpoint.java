package dev.snapfusion.bridge.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Strict name mapping, as ai-edge-torch's loader does it: records every tensor the converter asks
 * for. A missing tensor reads as zeros so that one build finds all of them; {@link #verify} then
 * fails listing the missing names and the leftovers (stored tensors nobody asked for, except those
 * {@code ignored} on purpose, such as the VAE encoder when only the decoder is converted).
 * Shape mismatches fail at once. Each tensor is scanned for NaN and ±Inf on its first read
 * ({@link #nonFinite}); the caller decides whether that fails. Thread-safe.
 *
 * <pre>{@code
 * StrictCheckpoint unet = new StrictCheckpoint("unet", weights, name -> false);
 * builder.buildWhole("unet", unet, fmt);
 * unet.verify();   // "unet: 2 leftover tensors: down_blocks.0.foo.weight, ..."
 * }</pre>
 */
public final class StrictCheckpoint implements Checkpoint {
    private static final int LIST_LIMIT = 40;

    private final String component;
    private final NamedCheckpoint source;
    private final Predicate<String> ignored;
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private final Map<String, NonFiniteTensor> nonFinite = new ConcurrentHashMap<>();

    public StrictCheckpoint(String component, NamedCheckpoint source, Predicate<String> ignored) {
        this.component = component;
        this.source = source;
        this.ignored = ignored;
    }

    /** The same tensors with leftovers allowed (derive drops parent blocks on purpose); shares nothing recorded. */
    public StrictCheckpoint ignoringLeftovers() {
        return new StrictCheckpoint(component, source, n -> true);
    }

    @Override
    public float[] tensor(String name, int... shape) {
        if (!source.names().contains(name)) {
            missing.add(name);
            long n = 1;
            for (int d : shape) n *= d;
            return new float[(int) Math.min(n, Integer.MAX_VALUE - 8)];
        }
        float[] values = source.tensor(name, shape);
        if (used.add(name)) {   // builders read some tensors twice (parity rebuilds): scan once
            NonFiniteTensor bad = NonFiniteTensor.scan(component, source.storedName(name), values);
            if (bad != null) nonFinite.put(name, bad);
        }
        return values;
    }

    /** Tensors read so far that hold NaN or ±Inf, by stored name. */
    public List<NonFiniteTensor> nonFinite() {
        return nonFinite.values().stream().sorted(Comparator.comparing(NonFiniteTensor::tensor)).toList();
    }

    public Set<String> missing() {
        return new TreeSet<>(missing);
    }

    public Set<String> leftover() {
        Set<String> left = new TreeSet<>();
        for (String n : source.names()) if (!used.contains(n) && !ignored.test(n)) left.add(n);
        return left;
    }

    /** The problems found so far, or an empty list; each names the component and the tensors. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        Set<String> m = missing(), l = leftover();
        if (!m.isEmpty()) out.add(component + ": " + m.size() + " missing tensor" + (m.size() == 1 ? "" : "s") + ": " + list(m));
        if (!l.isEmpty()) out.add(component + ": " + l.size() + " leftover tensor" + (l.size() == 1 ? "" : "s") + ": " + list(l));
        return out;
    }

    /** Throws a {@link CheckpointException} listing missing and leftover tensors, if any. */
    public void verify() {
        List<String> p = problems();
        if (!p.isEmpty()) throw new CheckpointException(source.describe() + " does not fit the architecture: " + String.join("; ", p));
    }

    private static String list(Set<String> names) {
        List<String> l = new ArrayList<>(names);
        String head = String.join(", ", l.subList(0, Math.min(LIST_LIMIT, l.size())));
        return l.size() > LIST_LIMIT ? head + ", ... (" + (l.size() - LIST_LIMIT) + " more)" : head;
    }

    @Override
    public String describe() {
        return source.describe();
    }

    static String shapeString(int[] s) {
        return Arrays.toString(s);
    }
}
