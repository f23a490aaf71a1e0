package dev.snapfusion.runner.sched;

import dev.snapfusion.runner.bundle.SchedulerConfig;

/**
 * The noise-schedule parameters every scheduler here shares, with the training-time {@code alphas_cumprod}
 * derived from them in double precision (diffusers computes them in float32; the difference is below 1e-6 relative).
 */
public record SchedulerParams(int numTrainTimesteps, double betaStart, double betaEnd, String betaSchedule,
                              int stepsOffset, boolean setAlphaToOne, TimestepSpacing spacing) {

    public SchedulerParams {
        if (numTrainTimesteps < 2) {
            throw new IllegalArgumentException("num_train_timesteps must be at least 2, got " + numTrainTimesteps);
        }
        if (!"scaled_linear".equals(betaSchedule) && !"linear".equals(betaSchedule)) {
            throw new IllegalArgumentException("unsupported beta_schedule \"" + betaSchedule
                    + "\"; expected \"scaled_linear\" or \"linear\"");
        }
        if (!(betaStart > 0 && betaEnd < 1 && betaStart <= betaEnd)) {
            throw new IllegalArgumentException("betas must satisfy 0 < beta_start <= beta_end < 1, got "
                    + betaStart + " .. " + betaEnd);
        }
    }

    public static SchedulerParams from(SchedulerConfig c) {
        String spacing = c.timestepSpacing() == null ? "leading" : c.timestepSpacing();
        return new SchedulerParams(c.numTrainTimesteps(), c.betaStart(), c.betaEnd(), c.betaSchedule(),
                c.stepsOffset(), c.setAlphaToOne(), TimestepSpacing.parse(spacing));
    }

    /** SD-v1.5's schedule: scaled_linear 0.00085..0.012 over 1000 steps, offset 1, leading. */
    public static SchedulerParams sd15() {
        return from(SchedulerConfig.sd15Ddim());
    }

    /** betas: linear, or scaled_linear = linspace(sqrt(start), sqrt(end), N)^2. */
    double[] betas() {
        int n = numTrainTimesteps;
        double[] b = new double[n];
        boolean scaled = "scaled_linear".equals(betaSchedule);
        double lo = scaled ? Math.sqrt(betaStart) : betaStart;
        double hi = scaled ? Math.sqrt(betaEnd) : betaEnd;
        for (int i = 0; i < n; i++) {
            double v = lo + (hi - lo) * i / (n - 1);
            b[i] = scaled ? v * v : v;
        }
        return b;
    }

    /** Cumulative product of (1 - beta). */
    public double[] alphasCumprod() {
        double[] b = betas();
        double[] a = new double[b.length];
        double p = 1.0;
        for (int i = 0; i < b.length; i++) {
            p *= 1.0 - b[i];
            a[i] = p;
        }
        return a;
    }

    /** The "previous" alpha used after the last step: 1, or alphas_cumprod[0] when set_alpha_to_one is false. */
    double finalAlphaCumprod(double[] alphasCumprod) {
        return setAlphaToOne ? 1.0 : alphasCumprod[0];
    }

    /** Descending inference timesteps for {@code steps} steps. */
    public int[] timesteps(int steps) {
        if (steps < 1 || steps > numTrainTimesteps) {
            throw new IllegalArgumentException("steps must be in 1.." + numTrainTimesteps + ", got " + steps);
        }
        return spacing.timesteps(numTrainTimesteps, steps, spacing == TimestepSpacing.LEADING ? stepsOffset : 0);
    }
}
