package dev.snapfusion.runner.sched;

/**
 * One denoising loop's scheduler. Use it as:
 * <pre>{@code
 * int[] ts = scheduler.timesteps(steps);            // also resets any per-run history
 * scale initial noise by scheduler.initNoiseSigma();
 * for (int t : ts) {
 *     float[] in = scheduler.scaleModelInput(latents, t);
 *     float[] out = unet(in, t);
 *     scheduler.step(out, t, latents, steps);        // latents updated in place
 * }
 * }</pre>
 * Implementations are not thread-safe; use one instance per generation.
 */
public interface DiffusionScheduler {
    /** Descending timesteps for a run of {@code steps} steps; starts a new run. */
    int[] timesteps(int steps);

    /** Factor applied to the initial Gaussian noise; 1 for the DDPM-family samplers. */
    default float initNoiseSigma() {
        return 1.0f;
    }

    /** The UNet input for {@code sample} at {@code timestep}; by default {@code sample} itself. */
    default float[] scaleModelInput(float[] sample, int timestep) {
        return sample;
    }

    /** Advances {@code sample} (in place) from {@code timestep} to the previous timestep of the run. */
    void step(float[] modelOutput, int timestep, float[] sample, int steps);

    /** The check every {@link #step} starts with. */
    static void requireSameLength(float[] modelOutput, float[] sample) {
        if (modelOutput.length != sample.length) {
            throw new IllegalArgumentException("model output has " + modelOutput.length + " values, sample has " + sample.length);
        }
    }
}
