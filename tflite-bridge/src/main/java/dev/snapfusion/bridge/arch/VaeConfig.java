package dev.snapfusion.bridge.arch;

import java.util.List;

/** A VAE decoder preset, as diffusers' AutoencoderKL config spells it. */
public record VaeConfig(int latentChannels, int outChannels, List<Integer> blockOutChannels, int layersPerBlock,
                        int normNumGroups, double scalingFactor) {
}
