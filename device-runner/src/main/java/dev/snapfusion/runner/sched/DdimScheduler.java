package dev.snapfusion.runner.sched;

/**
 * Deterministic DDIM (eta = 0, no clipping, no thresholding), step for step as diffusers' {@code DDIMScheduler}.
 * Coefficients are computed in double; the sample arithmetic runs in double per element and is rounded to float.
 * Stateless between steps, so one instance may serve consecutive runs; not thread-safe for concurrent in-place use
 * of the same sample array.
 */
public final class DdimScheduler implements DiffusionScheduler {
    private final SchedulerParams params;
    private final PredictionType predictionType;
    private final double[] alphasCumprod;
    private final double finalAlphaCumprod;

    public DdimScheduler(SchedulerParams params, PredictionType predictionType) {
        this.params = params;
        this.predictionType = predictionType;
        this.alphasCumprod = params.alphasCumprod();
        this.finalAlphaCumprod = params.finalAlphaCumprod(alphasCumprod);
    }

    @Override
    public int[] timesteps(int steps) {
        return params.timesteps(steps);
    }

    /** Eq. 12 of the DDIM paper with sigma = 0, as diffusers' {@code DDIMScheduler.step}. */
    @Override
    public void step(float[] modelOutput, int timestep, float[] sample, int steps) {
        DiffusionScheduler.requireSameLength(modelOutput, sample);
        if (timestep < 0 || timestep >= alphasCumprod.length) {
            throw new IllegalArgumentException("timestep " + timestep + " outside 0.." + (alphasCumprod.length - 1));
        }
        int prev = timestep - params.numTrainTimesteps() / steps;
        double a = alphasCumprod[timestep];
        double aPrev = prev >= 0 ? alphasCumprod[prev] : finalAlphaCumprod;
        double sqrtA = Math.sqrt(a);
        double sqrtB = Math.sqrt(1.0 - a);
        double sqrtAPrev = Math.sqrt(aPrev);
        double dirCoef = Math.sqrt(1.0 - aPrev);
        boolean v = predictionType == PredictionType.V_PREDICTION;
        for (int i = 0; i < sample.length; i++) {
            double x = sample[i];
            double m = modelOutput[i];
            double predX0;
            double predEps;
            if (v) {
                predX0 = sqrtA * x - sqrtB * m;
                predEps = sqrtA * m + sqrtB * x;
            } else {
                predX0 = (x - sqrtB * m) / sqrtA;
                predEps = m;
            }
            sample[i] = (float) (sqrtAPrev * predX0 + dirCoef * predEps);
        }
    }

    public PredictionType predictionType() {
        return predictionType;
    }

    /** Training-time cumulative alpha at {@code timestep}. */
    public double alphaCumprod(int timestep) {
        return alphasCumprod[timestep];
    }
}
