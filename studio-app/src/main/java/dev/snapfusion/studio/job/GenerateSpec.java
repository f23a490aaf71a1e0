package dev.snapfusion.studio.job;

import dev.snapfusion.runner.protocol.Profile;
import dev.snapfusion.runner.protocol.RunMode;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code generate} should do. {@code threads <= 0} picks the device's default.
 *
 * @param scheduler ddim, pndm or euler; null for the bundle's own
 * @param initLatents local [1,4,h,w] float32 .npy that replaces the seeded noise, or null
 * @param profile OPS adds the runner's op profile (op_profile.json, docs/op-profile.md); null means NONE
 */
public record GenerateSpec(String device, Path bundleDir, String prompt, String negativePrompt, long seed, int steps,
                           double cfg, RunMode mode, int threads, Duration timeout, Path outDir, String scheduler,
                           Path initLatents, Profile profile) {
    public GenerateSpec {
        if (profile == null) profile = Profile.NONE;
    }

    public GenerateSpec(String device, Path bundleDir, String prompt, String negativePrompt, long seed, int steps,
                        double cfg, RunMode mode, int threads, Duration timeout, Path outDir, String scheduler,
                        Path initLatents) {
        this(device, bundleDir, prompt, negativePrompt, seed, steps, cfg, mode, threads, timeout, outDir, scheduler,
                initLatents, Profile.NONE);
    }

    public GenerateSpec(String device, Path bundleDir, String prompt, String negativePrompt, long seed, int steps,
                        double cfg, RunMode mode, int threads, Duration timeout, Path outDir) {
        this(device, bundleDir, prompt, negativePrompt, seed, steps, cfg, mode, threads, timeout, outDir, null, null);
    }

    /** This spec with {@code profile} set. */
    public GenerateSpec withProfile(Profile p) {
        return new GenerateSpec(device, bundleDir, prompt, negativePrompt, seed, steps, cfg, mode, threads, timeout, outDir,
                scheduler, initLatents, p);
    }
}
