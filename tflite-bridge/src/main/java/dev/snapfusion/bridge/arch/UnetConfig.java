package dev.snapfusion.bridge.arch;

import java.util.List;
import java.util.Map;

/**
 * A UNet architecture preset (assets/presets/*.json, "unet" object). {@code stages} lists, per stage,
 * its layers in execution order ("resnet" or "cross_attention"); down.0–down.2 end with a
 * downsampler and up.0–up.2 with an upsampler. A UNet has 3 or 4 resolution levels (one per
 * {@code block_out_channels} entry; BK-SDM-Tiny has 3); the innermost down stage has no downsampler
 * and the last up stage no upsampler. Skip rule: docs/architectures.md.
 */
public record UnetConfig(int inChannels, int outChannels, List<Integer> blockOutChannels, int normNumGroups,
                         double normEps, int attentionHeads, int crossAttentionDim, Map<String, List<String>> stages) {
    public static final List<String> STAGES = List.of("down.0", "down.1", "down.2", "down.3", "mid", "up.0", "up.1", "up.2", "up.3");

    /** Resolution levels: one per block_out_channels entry. */
    public int levels() {
        return blockOutChannels.size();
    }

    /** The stage names of this UNet in execution order (down.0 … mid … up.n-1). */
    public List<String> stageNames() {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < levels(); i++) out.add("down." + i);
        out.add("mid");
        for (int i = 0; i < levels(); i++) out.add("up." + i);
        return out;
    }

    public List<String> layers(String stage) {
        return stages.getOrDefault(stage, List.of());
    }

    /** Channels of a stage: down.i → block_out_channels[i], mid → last, up.i → reversed[i]. */
    public int channels(String stage) {
        int n = blockOutChannels.size();
        if (stage.equals("mid")) return blockOutChannels.get(n - 1);
        int i = Integer.parseInt(stage.substring(stage.indexOf('.') + 1));
        return stage.startsWith("down") ? blockOutChannels.get(i) : blockOutChannels.get(n - 1 - i);
    }

    public int timeEmbeddingDim() {
        return blockOutChannels.get(0) * 4;
    }
}
