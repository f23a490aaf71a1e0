package dev.snapfusion.bridge.quant;

import dev.snapfusion.bridge.tflite.WeightFormat;
import dev.snapfusion.bridge.tflite.WeightPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A precision recipe: a default {@link Scheme}, explicit int8 granularities per op kind (an op kind left
 * out gets {@link Support#preferred}: per-channel where correct, else per-tensor, else fp32), and overrides that
 * give some components, blocks or weights another scheme (later overrides win). Checked against
 * {@link Support} when made, so a recipe that exists is one TFLite 2.6.2 runs correctly. Immutable.
 *
 * <pre>{@code
 * QuantRecipe r = QuantRecipe.of(Scheme.INT8_DYNAMIC).keepFp32("stem.conv_in", "stem.conv_out", "*.attn1.*");
 * Graph g = new Graph("unet").weightFormat(r.weightFormat("unet"));
 * }</pre>
 *
 * Patterns match a component ({@code vae_decoder}), a block id or stage ({@code stem.conv_in},
 * {@code down.1}), or a checkpoint weight name or prefix ({@code conv_in}, {@code *.attn2.to_q});
 * {@code *} matches any run of characters, and a pattern also matches everything below it at a dot.
 */
public record QuantRecipe(Scheme scheme, Map<OpKind, Granularity> granularity, List<Rule> overrides) {
    /** Weights matching {@code pattern} use {@code scheme} instead. */
    public record Rule(String pattern, Scheme scheme) {
        public Rule {
            if (pattern == null || pattern.isBlank()) throw new QuantException("an override needs a pattern (e.g. stem.conv_in)");
        }

        @Override
        public String toString() {
            return pattern + "=" + scheme;
        }
    }

    public QuantRecipe {
        EnumMap<OpKind, Granularity> g = new EnumMap<>(OpKind.class);
        g.putAll(granularity);
        granularity = Collections.unmodifiableMap(g);
        overrides = List.copyOf(overrides);
        Set<Scheme> used = EnumSet.of(scheme);
        for (Rule o : overrides) used.add(o.scheme());
        for (Scheme s : used) for (Map.Entry<OpKind, Granularity> e : g.entrySet()) Support.check(s, e.getKey(), e.getValue(), "recipe " + s);
    }

    /** The int8 granularity of {@code op}'s weights under {@code s}; empty: they stay fp32. */
    public Optional<Granularity> granularityFor(Scheme s, OpKind op) {
        Granularity g = granularity.get(op);
        return g != null ? Optional.of(g) : Support.preferred(s, op);
    }

    public static QuantRecipe of(Scheme scheme) {
        return new QuantRecipe(scheme, Map.of(), List.of());
    }

    public QuantRecipe granularity(OpKind op, Granularity g) {
        Map<OpKind, Granularity> m = new EnumMap<>(OpKind.class);
        m.putAll(granularity);
        m.put(op, g);
        return new QuantRecipe(scheme, m, overrides);
    }

    public QuantRecipe override(String pattern, Scheme s) {
        List<Rule> o = new ArrayList<>(overrides);
        o.add(new Rule(pattern.trim(), s));
        return new QuantRecipe(scheme, granularity, o);
    }

    public QuantRecipe keepFp32(String... patterns) {
        QuantRecipe r = this;
        for (String p : patterns) r = r.override(p, Scheme.FP32);
        return r;
    }

    /** The scheme for one weight: the last override matching the component, block or weight name, else the default. */
    public Scheme schemeFor(String component, String scope, String weight) {
        Scheme s = scheme;
        for (Rule o : overrides) {
            if (Patterns.matches(o.pattern(), component) || Patterns.matches(o.pattern(), scope)
                    || Patterns.matches(o.pattern(), weight)) {
                s = o.scheme();
            }
        }
        return s;
    }

    /** The policy for one component's graph (text_encoder, unet, vae_decoder). */
    public WeightPolicy policy(String component) {
        return new RecipePolicy(this, component);
    }

    public WeightFormat weightFormat(String component) {
        return WeightFormat.of(describe(), policy(component));
    }

    /** e.g. {@code int8-dynamic (fc per-tensor; stem.conv_in=fp32)}, for reports and the manifest. */
    public String describe() {
        StringBuilder b = new StringBuilder(scheme.cliName());
        List<String> extra = new ArrayList<>();
        if (scheme == Scheme.INT8_DYNAMIC || scheme == Scheme.INT8_WEIGHT || overrides.stream().anyMatch(o ->
                o.scheme() == Scheme.INT8_DYNAMIC || o.scheme() == Scheme.INT8_WEIGHT)) {
            Set<Scheme> int8 = EnumSet.noneOf(Scheme.class);
            if (scheme == Scheme.INT8_DYNAMIC || scheme == Scheme.INT8_WEIGHT) int8.add(scheme);
            for (Rule o : overrides) if (o.scheme() == Scheme.INT8_DYNAMIC || o.scheme() == Scheme.INT8_WEIGHT) int8.add(o.scheme());
            for (Scheme s : int8) {
                for (OpKind k : OpKind.values()) {
                    extra.add((int8.size() > 1 ? s + " " : "") + k.name().toLowerCase(java.util.Locale.ROOT) + " "
                            + granularityFor(s, k).map(Granularity::cliName).orElse("fp32"));
                }
            }
        }
        for (Rule o : overrides) extra.add(o.toString());
        if (!extra.isEmpty()) b.append(" (").append(String.join("; ", extra)).append(')');
        return b.toString();
    }
}
