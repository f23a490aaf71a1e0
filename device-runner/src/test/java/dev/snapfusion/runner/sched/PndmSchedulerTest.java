package dev.snapfusion.runner.sched;

import dev.snapfusion.runner.bundle.SchedulerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PndmSchedulerTest {
    private static final SchedulerParams SD15 = SchedulerParams.from(SchedulerConfig.sd15Ddim());

    @Test
    void timesteps_8steps_repeatSecondToLastTrainingStep() {
        PndmScheduler s = new PndmScheduler(SD15, PredictionType.EPSILON);
        assertThat(s.timesteps(8)).containsExactly(876, 751, 751, 626, 501, 376, 251, 126, 1);
    }

    @Test
    void timesteps_50steps_have51EntriesFrom981() {
        int[] ts = new PndmScheduler(SD15, PredictionType.EPSILON).timesteps(50);
        assertThat(ts).hasSize(51);
        assertThat(ts[0]).isEqualTo(981);
        assertThat(ts[1]).isEqualTo(961);
        assertThat(ts[2]).isEqualTo(961);
        assertThat(ts[3]).isEqualTo(941);
        assertThat(ts[50]).isEqualTo(1);
    }

    /** PNDM eq. 9 written out by hand: x_prev = sqrt(a'/a) x - (a' - a) e / (a sqrt(1-a') + sqrt(a (1-a) a')). */
    static double pndmStep(double x, double e, int t, int prev) {
        double[] ac = SD15.alphasCumprod();
        double a = ac[t];
        double ap = prev >= 0 ? ac[prev] : ac[0];
        return Math.sqrt(ap / a) * x - (ap - a) * e / (a * Math.sqrt(1 - ap) + Math.sqrt(a * (1 - a) * ap));
    }

    @Test
    void step_firstFourCalls_useThePlmsWarmUpCoefficients() {
        PndmScheduler s = new PndmScheduler(SD15, PredictionType.EPSILON);
        int[] ts = s.timesteps(8);
        float[] x = {0.7f};
        double[] e = {0.3, -0.2, 0.5, 0.1, -0.4};
        double x0 = x[0];
        // call 1 (t=876 -> 751): plain eps
        s.step(new float[] {(float) e[0]}, ts[0], x, 8);
        double ref1 = pndmStep(x0, e[0], 876, 751);
        assertThat(x[0]).isCloseTo((float) ref1, within(1e-6f));
        // call 2 (t=751 again): restarts from x0 at t=876 with the mean of both outputs
        s.step(new float[] {(float) e[1]}, ts[1], x, 8);
        double ref2 = pndmStep(x0, ((float) e[1] + (float) e[0]) / 2.0, 876, 751);
        assertThat(x[0]).isCloseTo((float) ref2, within(1e-6f));
        // call 3 (t=751 -> 626): (3 e_last - e_prev) / 2 over the stored outputs [e0, e2]
        double before = x[0];
        s.step(new float[] {(float) e[2]}, ts[2], x, 8);
        double ref3 = pndmStep(before, (3 * (float) e[2] - (float) e[0]) / 2.0, 751, 626);
        assertThat(x[0]).isCloseTo((float) ref3, within(1e-6f));
        // call 4 (t=626 -> 501): (23 e3 - 16 e2 + 5 e0) / 12
        before = x[0];
        s.step(new float[] {(float) e[3]}, ts[3], x, 8);
        double ref4 = pndmStep(before, (23 * (float) e[3] - 16 * (float) e[2] + 5 * (float) e[0]) / 12.0, 626, 501);
        assertThat(x[0]).isCloseTo((float) ref4, within(1e-6f));
        // call 5 (t=501 -> 376): (55 e4 - 59 e3 + 37 e2 - 9 e0) / 24
        before = x[0];
        s.step(new float[] {(float) e[4]}, ts[4], x, 8);
        double ref5 = pndmStep(before, (55 * (float) e[4] - 59 * (float) e[3] + 37 * (float) e[2] - 9 * (float) e[0]) / 24.0, 501, 376);
        assertThat(x[0]).isCloseTo((float) ref5, within(1e-6f));
    }

    @Test
    void step_lastCall_usesAlphasCumprod0AsFinalAlpha() {
        PndmScheduler s = new PndmScheduler(SD15, PredictionType.EPSILON);
        int[] ts = s.timesteps(1);
        assertThat(ts).containsExactly(1, 1);
        float[] x = {1.0f};
        s.step(new float[] {0f}, ts[0], x, 1);
        // t=1 -> prev=-999: final alpha = alphas_cumprod[0]; zero eps scales by sqrt(a0/a1)
        double[] ac = SD15.alphasCumprod();
        assertThat(x[0]).isCloseTo((float) Math.sqrt(ac[0] / ac[1]), within(1e-6f));
    }

    @Test
    void step_vPrediction_convertsToEpsilonWithTheCurrentSample() {
        PndmScheduler v = new PndmScheduler(SD15, PredictionType.V_PREDICTION);
        PndmScheduler eps = new PndmScheduler(SD15, PredictionType.EPSILON);
        int[] ts = v.timesteps(8);
        eps.timesteps(8);
        double a = SD15.alphasCumprod()[ts[0]];
        float x = 0.9f, m = -0.35f;
        float[] xv = {x};
        float[] xe = {x};
        v.step(new float[] {m}, ts[0], xv, 8);
        eps.step(new float[] {(float) (Math.sqrt(a) * m + Math.sqrt(1 - a) * x)}, ts[0], xe, 8);
        assertThat(xv[0]).isCloseTo(xe[0], within(1e-6f));
    }
}
