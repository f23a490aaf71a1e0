package dev.snapfusion.bridge.convert;

import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.source.PipelineSource;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything one conversion needs, in place of BundleConverter's former eight overloads. Immutable; made with
 * {@link #of(String, Path)} or {@link #of(PipelineSource, Path)} and named withers. Either {@code source} (as
 * {@link PipelineSource#open} reads it: demo:*, a preset, a diffusers folder, a .safetensors file, derive:) or an
 * already open {@code openSource} is set.
 *
 * <pre>{@code
 * ConvertedBundle b = BundleConverter.convert(ConvertRequest.of("demo:sd15", Path.of("out/sd8"))
 *         .recipe(Quantization.INT8_DYNAMIC.recipe()).listener(progress).imageParity(false));
 * }</pre>
 */
public record ConvertRequest(String source, PipelineSource openSource, QuantRecipe recipe, Path outDir,
                             ConvertListener listener, ConvertOptions options) {
    public ConvertRequest {
        if ((source == null) == (openSource == null)) throw new IllegalArgumentException("give a source name or an open source");
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(options, "options");
    }

    /** fp32, no progress, image parity where it applies, NaN/Inf refused. */
    public static ConvertRequest of(String source, Path outDir) {
        return new ConvertRequest(source, null, Quantization.FP32.recipe(), outDir, ConvertListener.NONE, ConvertOptions.DEFAULT);
    }

    /** For a source the caller opened (and closes). */
    public static ConvertRequest of(PipelineSource source, Path outDir) {
        return new ConvertRequest(null, source, Quantization.FP32.recipe(), outDir, ConvertListener.NONE, ConvertOptions.DEFAULT);
    }

    public ConvertRequest recipe(QuantRecipe r) {
        return new ConvertRequest(source, openSource, r, outDir, listener, options);
    }

    public ConvertRequest quantization(Quantization q) {
        return recipe(q.recipe());
    }

    public ConvertRequest listener(ConvertListener l) {
        return new ConvertRequest(source, openSource, recipe, outDir, l, options);
    }

    public ConvertRequest options(ConvertOptions o) {
        return new ConvertRequest(source, openSource, recipe, outDir, listener, o);
    }

    public ConvertRequest imageParity(boolean on) {
        return options(options.withImageParity(on));
    }
}
