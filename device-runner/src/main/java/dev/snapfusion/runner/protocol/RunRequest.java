package dev.snapfusion.runner.protocol;

import dev.snapfusion.runner.sched.Schedulers;
import dev.snapfusion.runner.tflite.Backend;
import java.util.List;

/**
 * What the studio asks the runner to do. Written to a file on the device, never on a command line,
 * because the prompt is user text (docs/runner-protocol.md, "Request file").
 *
 * @param bundleDir device path of the pushed bundle folder
 * @param outDir device path where the runner writes image.png and timings.json
 * @param initLatents device path of a [1,4,h,w] float32 .npy, or null to draw from the seed
 * @param scheduler ddim, pndm or euler; null for the bundle's own ({@code scheduler.type} in its manifest)
 * @param delegate cpu, xnnpack or gpu; null to follow {@code xnnpack}
 * @param profile {@link Profile#OPS} adds a profiled pass of each component and op_profile.json; null means NONE
 * @param skipBlocks UNet block ids to replace by identity (their first input passed through), for block-importance
 *                   probes (docs/evolve.md); empty for the bundle as converted. Non-empty runs the UNet block by block.
 */
public record RunRequest(String bundleDir, String outDir, String prompt, String negativePrompt, long seed, int steps,
                         double cfg, RunMode mode, int threads, boolean xnnpack, String initLatents, String scheduler,
                         String delegate, Profile profile, List<String> skipBlocks) {
    public static final int VERSION = 1;

    /** A request that uses the bundle's scheduler and picks the delegate from {@code xnnpack}. */
    public RunRequest(String bundleDir, String outDir, String prompt, String negativePrompt, long seed, int steps,
                      double cfg, RunMode mode, int threads, boolean xnnpack, String initLatents) {
        this(bundleDir, outDir, prompt, negativePrompt, seed, steps, cfg, mode, threads, xnnpack, initLatents, null, null);
    }

    /** A request without profiling that runs every block (the shape before {@code profile} and {@code skip_blocks}). */
    public RunRequest(String bundleDir, String outDir, String prompt, String negativePrompt, long seed, int steps,
                      double cfg, RunMode mode, int threads, boolean xnnpack, String initLatents, String scheduler,
                      String delegate) {
        this(bundleDir, outDir, prompt, negativePrompt, seed, steps, cfg, mode, threads, xnnpack, initLatents, scheduler,
                delegate, Profile.NONE, List.of());
    }

    public RunRequest {
        if (scheduler != null && !Schedulers.NAMES.contains(scheduler)) {
            throw new IllegalArgumentException("unknown scheduler \"" + scheduler + "\"; expected one of " + Schedulers.NAMES);
        }
        if (delegate != null) Backend.parse(delegate);
        if (steps < 1 || steps > 1000) throw new IllegalArgumentException("steps must be 1..1000, got " + steps);
        if (!(cfg >= 0)) throw new IllegalArgumentException("cfg must be >= 0, got " + cfg);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (prompt == null) prompt = "";
        if (negativePrompt == null) negativePrompt = "";
        if (profile == null) profile = Profile.NONE;
        skipBlocks = skipBlocks == null ? List.of() : List.copyOf(skipBlocks);
    }

    /** This request with {@code profile} set, so call sites need not spell out every other field. */
    public RunRequest withProfile(Profile p) {
        return new RunRequest(bundleDir, outDir, prompt, negativePrompt, seed, steps, cfg, mode, threads, xnnpack,
                initLatents, scheduler, delegate, p, skipBlocks);
    }

    /** This request with {@code ids} skipped (replaced by identity). */
    public RunRequest withSkipBlocks(List<String> ids) {
        return new RunRequest(bundleDir, outDir, prompt, negativePrompt, seed, steps, cfg, mode, threads, xnnpack,
                initLatents, scheduler, delegate, profile, ids);
    }

    /** The delegate to ask for: {@code delegate} if set, else xnnpack or cpu from {@code xnnpack}. */
    public Backend backend() {
        return delegate != null ? Backend.parse(delegate) : xnnpack ? Backend.XNNPACK : Backend.CPU;
    }
}
