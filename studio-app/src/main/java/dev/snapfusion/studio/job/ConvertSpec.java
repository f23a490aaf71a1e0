package dev.snapfusion.studio.job;

import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.bridge.quant.QuantRecipe;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code convert} should do: source (as {@code studio convert --source} reads it), the base recipe, where the
 * bundle goes, and the per-component and per-block overrides on top.
 */
public record ConvertSpec(String source, Quantization quant, Path outDir, RecipeOverrides overrides) {
    public ConvertSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(outDir, "outDir");
        if (overrides == null) overrides = RecipeOverrides.NONE;
    }

    /** The full recipe: {@code quant}'s with the overrides applied. */
    public QuantRecipe recipe() {
        return overrides.applyTo(quant.recipe());
    }
}
