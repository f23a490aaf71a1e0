package dev.snapfusion.runner.sched;

/** diffusers' {@code get_timestep_embedding}, for feeding the UNet's time MLP when it is not inside the graph. */
public final class TimestepEmbedding {
    private static final double MAX_PERIOD = 10000.0;

    private TimestepEmbedding() {
    }

    /**
     * Sinusoidal embedding of one timestep: freq_i = exp(-ln(10000) * i / (half - freqShift)) for i < half,
     * values sin(t * freq) then cos(t * freq), swapped to (cos, sin) when {@code flipSinToCos} (SD uses true, 0).
     * An odd {@code dim} gets a trailing zero, as diffusers pads it.
     */
    public static float[] sinusoidal(int t, int dim, boolean flipSinToCos, float freqShift) {
        if (dim < 2) {
            throw new IllegalArgumentException("embedding dim must be at least 2, got " + dim);
        }
        int half = dim / 2;
        float[] out = new float[dim];
        for (int i = 0; i < half; i++) {
            double exponent = -Math.log(MAX_PERIOD) * i / (half - (double) freqShift);
            double arg = t * Math.exp(exponent);
            float sin = (float) Math.sin(arg);
            float cos = (float) Math.cos(arg);
            out[i] = flipSinToCos ? cos : sin;
            out[half + i] = flipSinToCos ? sin : cos;
        }
        return out;
    }
}
