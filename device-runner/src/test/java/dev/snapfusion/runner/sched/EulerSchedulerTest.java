package dev.snapfusion.runner.sched;

import dev.snapfusion.runner.bundle.SchedulerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EulerSchedulerTest {
    private static final SchedulerParams SD15 = SchedulerParams.from(SchedulerConfig.sd15Ddim());

    static double sigma(int t) {
        double a = DdimSchedulerTest.alphaCumprodByLogs(t);
        return Math.sqrt((1 - a) / a);
    }

    @Test
    void initNoiseSigma_leading_isSqrtOfMaxSigmaSquaredPlusOne() {
        EulerScheduler s = new EulerScheduler(SD15, PredictionType.EPSILON);
        assertThat(s.timesteps(25)).startsWith(961, 921);
        double max = sigma(961);
        assertThat((double) s.initNoiseSigma()).isCloseTo(Math.sqrt(max * max + 1), within(1e-4));
    }

    @Test
    void scaleModelInput_dividesBySqrtSigmaSquaredPlusOne() {
        EulerScheduler s = new EulerScheduler(SD15, PredictionType.EPSILON);
        s.timesteps(8);
        float[] in = s.scaleModelInput(new float[] {2f}, 626);
        double sg = sigma(626);
        assertThat((double) in[0]).isCloseTo(2 / Math.sqrt(sg * sg + 1), within(1e-5));
    }

    @Test
    void step_epsilon_movesByEpsTimesSigmaDifference() {
        EulerScheduler s = new EulerScheduler(SD15, PredictionType.EPSILON);
        int[] ts = s.timesteps(8);
        float[] x = {3f};
        s.step(new float[] {0.5f}, ts[0], x, 8);
        // d = (x - (x - sigma eps)) / sigma = eps; x' = x + eps (sigma_next - sigma)
        assertThat((double) x[0]).isCloseTo(3 + 0.5 * (sigma(751) - sigma(876)), within(1e-4));
        float[] y = {1f};
        s.step(new float[] {0.25f}, 1, y, 8);
        assertThat((double) y[0]).isCloseTo(1 + 0.25 * (0 - sigma(1)), within(1e-5));
    }

    @Test
    void step_vPrediction_usesDiffusersDenoisedFormula() {
        EulerScheduler s = new EulerScheduler(SD15, PredictionType.V_PREDICTION);
        int[] ts = s.timesteps(4);
        double sg = sigma(ts[0]);
        double sn = sigma(ts[1]);
        double x = 5, m = 0.2;
        double x0 = m * (-sg / Math.sqrt(sg * sg + 1)) + x / (sg * sg + 1);
        double want = x + (x - x0) / sg * (sn - sg);
        float[] xs = {(float) x};
        s.step(new float[] {(float) m}, ts[0], xs, 4);
        assertThat((double) xs[0]).isCloseTo(want, within(1e-4));
    }

    @Test
    void create_unknownName_listsTheKnownOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Schedulers.create("lms", SD15, PredictionType.EPSILON))
                .hasMessageContaining("lms").hasMessageContaining("pndm");
        assertThat(Schedulers.create("PNDM", SD15, PredictionType.EPSILON)).isInstanceOf(PndmScheduler.class);
    }
}
