package dev.snapfusion.runner.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * diffusers' {@code PNDMScheduler} with {@code skip_prk_steps} (SD-v1.5's default): linear multistep (PLMS) on the
 * model outputs. A run of N steps calls the UNet N + 1 times, because diffusers repeats the second-to-last
 * training timestep once to warm the multistep history ({@link #timesteps}). Coefficients in double, samples
 * rounded to float per element. Keeps per-run history: one instance per generation; not thread-safe.
 */
public final class PndmScheduler implements DiffusionScheduler {
    private final SchedulerParams params;
    private final PredictionType predictionType;
    private final double[] alphasCumprod;
    private final double finalAlphaCumprod;
    private final List<float[]> ets = new ArrayList<>();
    private float[] curSample;
    private int counter;

    public PndmScheduler(SchedulerParams params, PredictionType predictionType) {
        this.params = params;
        this.predictionType = predictionType;
        this.alphasCumprod = params.alphasCumprod();
        this.finalAlphaCumprod = params.finalAlphaCumprod(alphasCumprod);
    }

    /** {@code concat(ts[:-1], ts[-2:-1], ts[-1:])[::-1]} of the ascending spaced timesteps: N + 1 entries. */
    @Override
    public int[] timesteps(int steps) {
        int[] desc = params.timesteps(steps);
        int n = desc.length;
        int[] asc = new int[n];
        for (int i = 0; i < n; i++) asc[i] = desc[n - 1 - i];
        int[] plms = new int[n + 1];
        System.arraycopy(asc, 0, plms, 0, n - 1);
        plms[n - 1] = n >= 2 ? asc[n - 2] : asc[0];
        plms[n] = asc[n - 1];
        int[] out = new int[n + 1];
        for (int i = 0; i <= n; i++) out[i] = plms[n - i];
        ets.clear();
        curSample = null;
        counter = 0;
        return out;
    }

    /** diffusers' {@code step_plms}, including its counter == 1 special case (second call at the same timestep). */
    @Override
    public void step(float[] modelOutput, int timestep, float[] sample, int steps) {
        DiffusionScheduler.requireSameLength(modelOutput, sample);
        int ratio = params.numTrainTimesteps() / steps;
        int prev = timestep - ratio;
        int t = timestep;
        if (counter != 1) {
            while (ets.size() > 3) ets.remove(0);
            ets.add(modelOutput.clone());
        } else {
            prev = timestep;
            t = timestep + ratio;
        }
        int n = sample.length;
        float[] eps = new float[n];
        float[] base = sample;
        int k = ets.size();
        if (k == 1 && counter == 0) {
            System.arraycopy(modelOutput, 0, eps, 0, n);
            curSample = sample.clone();
        } else if (k == 1 && counter == 1) {
            float[] e1 = ets.get(0);
            for (int i = 0; i < n; i++) eps[i] = (modelOutput[i] + e1[i]) / 2f;
            base = curSample;
            curSample = null;
        } else if (k == 2) {
            float[] a = ets.get(1), b = ets.get(0);
            for (int i = 0; i < n; i++) eps[i] = (3 * a[i] - b[i]) / 2f;
        } else if (k == 3) {
            float[] a = ets.get(2), b = ets.get(1), c = ets.get(0);
            for (int i = 0; i < n; i++) eps[i] = (23 * a[i] - 16 * b[i] + 5 * c[i]) / 12f;
        } else {
            float[] a = ets.get(k - 1), b = ets.get(k - 2), c = ets.get(k - 3), d = ets.get(k - 4);
            for (int i = 0; i < n; i++) eps[i] = (1f / 24f) * (55 * a[i] - 59 * b[i] + 37 * c[i] - 9 * d[i]);
        }
        prevSample(base, t, prev, eps, sample);
        counter++;
    }

    /** Eq. (9) of the PNDM paper, diffusers' {@code _get_prev_sample}; v is turned into epsilon first. */
    private void prevSample(float[] x, int t, int prev, float[] out, float[] dst) {
        double a = alphasCumprod[t];
        double aPrev = prev >= 0 ? alphasCumprod[prev] : finalAlphaCumprod;
        double b = 1 - a;
        double bPrev = 1 - aPrev;
        double sampleCoeff = Math.sqrt(aPrev / a);
        double denom = a * Math.sqrt(bPrev) + Math.sqrt(a * b * aPrev);
        double outCoeff = (aPrev - a) / denom;
        boolean v = predictionType == PredictionType.V_PREDICTION;
        double sa = Math.sqrt(a), sb = Math.sqrt(b);
        for (int i = 0; i < dst.length; i++) {
            double xi = x[i];
            double m = v ? sa * out[i] + sb * xi : out[i];
            dst[i] = (float) (sampleCoeff * xi - outCoeff * m);
        }
    }
}
