package dev.snapfusion.runner.sched;

/**
 * diffusers' {@code EulerDiscreteScheduler} with its defaults (no churn, so the step is deterministic):
 * sigma_t = sqrt((1 - alpha_bar_t) / alpha_bar_t), inputs scaled by 1 / sqrt(sigma^2 + 1), one Euler step of
 * the probability-flow ODE per UNet call. Timesteps follow the configured spacing. Keeps the run's sigmas:
 * one instance per generation; not thread-safe.
 */
public final class EulerScheduler implements DiffusionScheduler {
    private final SchedulerParams params;
    private final PredictionType predictionType;
    private final double[] trainSigmas;
    private int[] timesteps = new int[0];
    private double[] sigmas = new double[0];

    public EulerScheduler(SchedulerParams params, PredictionType predictionType) {
        this.params = params;
        this.predictionType = predictionType;
        double[] ac = params.alphasCumprod();
        trainSigmas = new double[ac.length];
        for (int i = 0; i < ac.length; i++) trainSigmas[i] = Math.sqrt((1 - ac[i]) / ac[i]);
    }

    @Override
    public int[] timesteps(int steps) {
        timesteps = params.timesteps(steps);
        sigmas = new double[timesteps.length + 1];
        for (int i = 0; i < timesteps.length; i++) sigmas[i] = trainSigmas[timesteps[i]];
        sigmas[timesteps.length] = 0;
        return timesteps.clone();
    }

    /** max(sigma) for linspace/trailing spacing, sqrt(max(sigma)^2 + 1) for leading, as diffusers. */
    @Override
    public float initNoiseSigma() {
        if (sigmas.length == 0) throw new IllegalStateException("call timesteps(steps) first");
        double max = 0;
        for (double s : sigmas) max = Math.max(max, s);
        return (float) (params.spacing() == TimestepSpacing.LEADING ? Math.sqrt(max * max + 1) : max);
    }

    @Override
    public float[] scaleModelInput(float[] sample, int timestep) {
        double s = sigmas[index(timestep)];
        double scale = 1 / Math.sqrt(s * s + 1);
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (sample[i] * scale);
        return out;
    }

    @Override
    public void step(float[] modelOutput, int timestep, float[] sample, int steps) {
        DiffusionScheduler.requireSameLength(modelOutput, sample);
        int i = index(timestep);
        double sigma = sigmas[i];
        double dt = sigmas[i + 1] - sigma;
        boolean v = predictionType == PredictionType.V_PREDICTION;
        double c = -sigma / Math.sqrt(sigma * sigma + 1);
        double d = 1 / (sigma * sigma + 1);
        for (int k = 0; k < sample.length; k++) {
            double x = sample[k];
            double m = modelOutput[k];
            double predX0 = v ? m * c + x * d : x - sigma * m;
            double derivative = (x - predX0) / sigma;
            sample[k] = (float) (x + derivative * dt);
        }
    }

    /** sigma of {@code timestep} in the current run. */
    public double sigma(int timestep) {
        return sigmas[index(timestep)];
    }

    private int index(int timestep) {
        for (int i = 0; i < timesteps.length; i++) if (timesteps[i] == timestep) return i;
        throw new IllegalArgumentException("timestep " + timestep + " is not in this run; call timesteps(steps) first");
    }
}
