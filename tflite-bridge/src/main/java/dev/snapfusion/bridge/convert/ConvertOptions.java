package dev.snapfusion.bridge.convert;

/**
 * How {@link BundleConverter} treats what is not the recipe: whether the report gets the final-image check, and whether
 * weights holding NaN or ±Inf stop the conversion. Immutable; start from {@link #DEFAULT}.
 *
 * <pre>{@code
 * BundleConverter.convert(ConvertRequest.of(source, out).options(ConvertOptions.DEFAULT.withImageParity(false).allowingNonFinite()));
 * }</pre>
 *
 * @param imageParity    false leaves the final-image check out of the report (docs/parity.md)
 * @param allowNonFinite true converts weights with NaN or ±Inf, warns through the listener and lists them in the report
 *                       ({@code nonfinite_tensors}); false refuses them naming the tensors (docs/sources.md)
 */
public record ConvertOptions(boolean imageParity, boolean allowNonFinite) {
    public static final ConvertOptions DEFAULT = new ConvertOptions(true, false);

    public ConvertOptions withImageParity(boolean on) {
        return new ConvertOptions(on, allowNonFinite);
    }

    public ConvertOptions allowingNonFinite() {
        return new ConvertOptions(imageParity, true);
    }
}
