package dev.snapfusion.studio.job;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.arch.PresetException;
import dev.snapfusion.bridge.graph.UnetBlock;
import dev.snapfusion.bridge.graph.UnetBuilder;
import dev.snapfusion.bridge.source.PipelineSource;
import dev.snapfusion.studio.common.StudioError;
import java.util.List;

/** The UNet block ids a source converts to, in table order, without converting it (the builder only plans). */
public final class SourceBlocks {
    /** The runner's token count; the plan's block ids do not depend on it. */
    private static final int TOKENS = 77;

    private SourceBlocks() {
    }

    /** Opens {@code source} as {@code studio convert --source} does; a bad source throws a {@link StudioError} naming it. */
    public static List<String> ids(String source) {
        try (PipelineSource src = PipelineSource.open(source)) {
            PipelinePreset p = src.preset();
            return new UnetBuilder(p.unet(), p.latentHeight(), p.latentWidth(), TOKENS).blocks().stream()
                    .map(UnetBlock::id).toList();
        } catch (IllegalArgumentException | PresetException e) {
            throw new StudioError(e.getMessage(), e);
        }
    }
}
