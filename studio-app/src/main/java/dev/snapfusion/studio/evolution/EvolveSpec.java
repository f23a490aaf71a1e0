package dev.snapfusion.studio.evolution;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code studio evolve} should do.
 *
 * @param targetMs UNet latency per denoising step to reach (both guidance passes), like {@code unet_per_step}
 * @param steps denoising steps of each probe run; 0 for the bundle's default
 * @param outDir where the preset is written
 */
public record EvolveSpec(Path bundleDir, String device, double targetMs, List<String> prompts, int seeds, int steps, Path outDir) {
    /**
     * The probe set when no --prompts file is given: toy-world prompts (docs/judge.md), one per shape, all colours
     * different, fixed so that caches carry over; the built-in toy pair draws them.
     */
    public static final List<String> DEFAULT_PROMPTS = List.of("a red circle on a blue background",
            "a yellow square on a magenta background", "a white triangle on a green background");

    public EvolveSpec {
        prompts = List.copyOf(prompts);
        if (!(targetMs > 0)) throw new IllegalArgumentException("--target-ms must be a positive number of ms, got " + targetMs);
        if (seeds < 1) throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
        if (steps < 0) throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
    }

    /** Seeds 42, 43, … one per {@code seeds}. */
    public List<Long> seedList() {
        return java.util.stream.LongStream.range(0, seeds).map(i -> 42 + i).boxed().toList();
    }
}
