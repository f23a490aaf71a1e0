package dev.snapfusion.runner.sched;

/** diffusers {@code timestep_spacing}: how inference timesteps are picked from the training range. */
public enum TimestepSpacing {
    LEADING("leading"),
    TRAILING("trailing"),
    LINSPACE("linspace");

    private final String diffusersName;

    TimestepSpacing(String diffusersName) {
        this.diffusersName = diffusersName;
    }

    public static TimestepSpacing parse(String name) {
        for (TimestepSpacing s : values()) {
            if (s.diffusersName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unsupported timestep_spacing \"" + name
                + "\"; expected \"leading\", \"trailing\" or \"linspace\"");
    }

    /**
     * Descending timesteps as diffusers computes them (numpy rounding is half-to-even, hence {@link Math#rint}).
     * {@code offset} is {@code steps_offset}; diffusers adds it only for leading spacing.
     */
    int[] timesteps(int trainSteps, int steps, int offset) {
        int[] t = new int[steps];
        switch (this) {
            case LEADING: {
                int ratio = trainSteps / steps;
                for (int i = 0; i < steps; i++) {
                    t[i] = (steps - 1 - i) * ratio + offset;
                }
                break;
            }
            case TRAILING: {
                // np.round(np.arange(N, 0, -N / steps)) - 1
                double ratio = (double) trainSteps / steps;
                for (int i = 0; i < steps; i++) {
                    t[i] = (int) Math.rint(trainSteps - i * ratio) - 1;
                }
                break;
            }
            default: {
                // np.linspace(0, N - 1, steps).round()[::-1]; numpy computes i * step and pins the last value
                double step = steps == 1 ? 0 : (double) (trainSteps - 1) / (steps - 1);
                for (int i = 0; i < steps; i++) {
                    int k = steps - 1 - i;
                    double v = k == steps - 1 && steps > 1 ? trainSteps - 1 : k * step;
                    t[i] = (int) Math.rint(v);
                }
                break;
            }
        }
        return t;
    }
}
