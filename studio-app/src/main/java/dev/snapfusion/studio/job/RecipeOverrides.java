package dev.snapfusion.studio.job;

import dev.snapfusion.bridge.quant.Granularity;
import dev.snapfusion.bridge.quant.OpKind;
import dev.snapfusion.bridge.quant.QuantException;
import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.quant.Scheme;
import dev.snapfusion.studio.common.StudioError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a conversion changes on top of its {@code --quant} recipe (docs/quantization.md, "Overrides"): precision rules
 * for components, UNet blocks or weights, in order (later wins), and int8 granularities per op. The command line's
 * {@code --override}, {@code --keep-fp32} and {@code --granularity} and the Models page's property sheet both read
 * into this one value. Immutable.
 *
 * <pre>{@code
 * RecipeOverrides o = RecipeOverrides.parse(List.of("vae_decoder=fp16"), List.of("stem.conv_in"), List.of());
 * o.requireKnown("demo:snapfusion", SourceBlocks.ids("demo:snapfusion"));
 * QuantRecipe r = o.applyTo(Quantization.INT8_DYNAMIC.recipe());
 * }</pre>
 */
public record RecipeOverrides(List<QuantRecipe.Rule> rules, Map<OpKind, Granularity> granularity) {
    public static final RecipeOverrides NONE = new RecipeOverrides(List.of(), Map.of());
    /** The first word of every UNet block id and stage (docs/bundle.md, "Block table"). */
    private static final Set<String> BLOCK_WORDS = Set.of("stem", "down", "mid", "up");

    public RecipeOverrides {
        rules = List.copyOf(rules);
        EnumMap<OpKind, Granularity> g = new EnumMap<>(OpKind.class);
        g.putAll(granularity);
        granularity = Collections.unmodifiableMap(g);
    }

    /**
     * Reads the command line's spelling: {@code PATTERN=PRECISION} overrides in order, then {@code --keep-fp32} patterns
     * (applied last), and {@code OP=per-channel|per-tensor}. A malformed text throws a {@link StudioError} naming it.
     */
    public static RecipeOverrides parse(List<String> overrides, List<String> keepFp32, List<String> granularities) {
        RecipeOverrides r = NONE;
        for (String g : granularities) r = r.withGranularity(g);
        for (String o : overrides) r = r.withOverride(o);
        for (String p : keepFp32) r = r.with(p, Scheme.FP32);
        return r;
    }

    /** Splits a comma-separated field ("a=fp16, b=fp32") into its trimmed, non-empty parts. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        for (String part : text.split(",")) if (!part.isBlank()) out.add(part.trim());
        return out;
    }

    /** This plus {@code pattern} at {@code scheme}, after the rules so far. */
    public RecipeOverrides with(String pattern, Scheme scheme) {
        if (pattern == null || pattern.isBlank()) throw new StudioError("An override needs a pattern, e.g. stem.conv_in=fp32");
        List<QuantRecipe.Rule> next = new ArrayList<>(rules);
        next.add(new QuantRecipe.Rule(pattern.trim(), scheme));
        return new RecipeOverrides(next, granularity);
    }

    /** This plus one {@code PATTERN=PRECISION} text. */
    public RecipeOverrides withOverride(String text) {
        int eq = text.lastIndexOf('=');
        if (eq <= 0 || text.substring(0, eq).isBlank()) {
            throw new StudioError("Override “" + text + "”: expected PATTERN=PRECISION, e.g. vae_decoder=fp16");
        }
        try {
            return with(text.substring(0, eq), Scheme.parse(text.substring(eq + 1)));
        } catch (QuantException e) {
            throw new StudioError("Override “" + text + "”: " + e.getMessage(), e);
        }
    }

    /** This plus one {@code OP=per-channel|per-tensor} text. */
    public RecipeOverrides withGranularity(String text) {
        String[] kv = text.split("=", 2);
        if (kv.length != 2) throw new StudioError("Granularity “" + text + "”: expected OP=per-channel|per-tensor, e.g. conv_2d=per-tensor");
        OpKind op;
        try {
            op = OpKind.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StudioError("Granularity “" + text + "”: unknown op '" + kv[0].trim() + "' (conv_2d, fully_connected, batch_matmul)");
        }
        Map<OpKind, Granularity> next = new EnumMap<>(OpKind.class);
        next.putAll(granularity);
        try {
            next.put(op, Granularity.parse(kv[1]));
        } catch (QuantException e) {
            throw new StudioError("Granularity “" + text + "”: " + e.getMessage(), e);
        }
        return new RecipeOverrides(rules, next);
    }

    /** These rules, then {@code later}'s (which win); {@code later}'s granularities replace these for the same op. */
    public RecipeOverrides then(RecipeOverrides later) {
        List<QuantRecipe.Rule> r = new ArrayList<>(rules);
        r.addAll(later.rules);
        Map<OpKind, Granularity> g = new EnumMap<>(OpKind.class);
        g.putAll(granularity);
        g.putAll(later.granularity);
        return new RecipeOverrides(r, g);
    }

    public boolean isEmpty() {
        return rules.isEmpty() && granularity.isEmpty();
    }

    /**
     * Refuses a rule that names a UNet block or stage (its first word is stem, down, mid or up) that the source's block
     * table lacks, such as {@code down.9} or {@code up.1.resnet.7}; it would silently change nothing. Component and
     * weight patterns are left to the converter.
     */
    public void requireKnown(String source, List<String> blockIds) {
        for (QuantRecipe.Rule r : rules) {
            String p = r.pattern();
            int dot = p.indexOf('.');
            if (!BLOCK_WORDS.contains(dot < 0 ? p : p.substring(0, dot))) continue;
            QuantRecipe probe = QuantRecipe.of(Scheme.FP32).override(p, Scheme.FP16);
            // A stage pattern matches its blocks' ids at a dot, so the ids alone decide.
            boolean found = blockIds.stream().anyMatch(id -> probe.schemeFor(null, id, null) == Scheme.FP16);
            if (!found) {
                throw new StudioError("Override “" + r + "”: " + source + " has no UNet block or stage “" + p + "” (its "
                        + blockIds.size() + " blocks run from " + (blockIds.isEmpty() ? "none" : blockIds.get(0) + " to "
                        + blockIds.get(blockIds.size() - 1)) + "; stages are stem, down.N, mid and up.N)");
            }
        }
    }

    /** The recipe {@code base} with these granularities and rules; one TFLite cannot run is refused naming why. */
    public QuantRecipe applyTo(QuantRecipe base) {
        try {
            QuantRecipe r = base;
            for (Map.Entry<OpKind, Granularity> g : granularity.entrySet()) r = r.granularity(g.getKey(), g.getValue());
            for (QuantRecipe.Rule rule : rules) r = r.override(rule.pattern(), rule.scheme());
            return r;
        } catch (QuantException e) {
            throw new StudioError(e.getMessage(), e);
        }
    }

    /** e.g. {@code [conv_2d=per-tensor, vae_decoder=fp16, stem.conv_in=fp32]}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        granularity.forEach((op, g) -> parts.add(op.name().toLowerCase(Locale.ROOT) + "=" + g.cliName()));
        for (QuantRecipe.Rule r : rules) parts.add(r.toString());
        return parts.toString();
    }
}
