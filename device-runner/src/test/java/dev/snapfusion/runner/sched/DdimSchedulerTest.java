package dev.snapfusion.runner.sched;

import dev.snapfusion.runner.bundle.SchedulerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DdimSchedulerTest {
    private static final SchedulerParams SD15 = SchedulerParams.from(SchedulerConfig.sd15Ddim());

    /** Independent route: beta_i written out directly, product accumulated as a sum of logs. */
    static double alphaCumprodByLogs(int t) {
        double s0 = Math.sqrt(0.00085);
        double s1 = Math.sqrt(0.012);
        double logSum = 0;
        for (int i = 0; i <= t; i++) {
            double root = s0 * (1 - i / 999.0) + s1 * (i / 999.0);
            logSum += Math.log1p(-root * root);
        }
        return Math.exp(logSum);
    }

    @Test
    void timesteps_leading50_areEvery20From981() {
        int[] ts = SD15.timesteps(50);
        assertThat(ts).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(ts[i]).isEqualTo(981 - 20 * i);
        }
        assertThat(ts[49]).isEqualTo(1);
    }

    @Test
    void timesteps_leading8_areEvery125From876() {
        assertThat(SD15.timesteps(8)).containsExactly(876, 751, 626, 501, 376, 251, 126, 1);
    }

    @Test
    void timesteps_leading25_areEvery40From961() {
        int[] ts = SD15.timesteps(25);
        assertThat(ts[0]).isEqualTo(961);
        assertThat(ts[1]).isEqualTo(921);
        assertThat(ts[24]).isEqualTo(1);
        for (int i = 1; i < 25; i++) {
            assertThat(ts[i - 1] - ts[i]).isEqualTo(40);
        }
    }

    @Test
    void timesteps_leadingWithNonDivisibleCount_floorsTheRatio() {
        // 1000 // 3 = 333 -> 0, 333, 666 reversed, + 1
        assertThat(SD15.timesteps(3)).containsExactly(667, 334, 1);
    }

    @Test
    void timesteps_trailingAndLinspace_followNumpyRounding() {
        SchedulerParams trailing = new SchedulerParams(1000, 0.00085, 0.012, "scaled_linear", 1, false,
                TimestepSpacing.TRAILING);
        // round(arange(1000, 0, -125)) - 1
        assertThat(trailing.timesteps(8)).containsExactly(999, 874, 749, 624, 499, 374, 249, 124);
        SchedulerParams linspace = new SchedulerParams(1000, 0.00085, 0.012, "scaled_linear", 1, false,
                TimestepSpacing.LINSPACE);
        // linspace(0, 999, 4) = 0, 333, 666, 999 (no offset for linspace)
        assertThat(linspace.timesteps(4)).containsExactly(999, 666, 333, 0);
        // linspace(0, 999, 3) = 0, 499.5, 999 -> 499.5 rounds half to even = 500
        assertThat(linspace.timesteps(3)).containsExactly(999, 500, 0);
    }

    @Test
    void timesteps_outOfRangeCount_isRejected() {
        assertThatThrownBy(() -> SD15.timesteps(0)).hasMessageContaining("steps");
        assertThatThrownBy(() -> SD15.timesteps(1001)).hasMessageContaining("steps");
    }

    @Test
    void alphasCumprod_spotValues_matchIndependentDerivation() {
        double[] ac = SD15.alphasCumprod();
        assertThat(ac).hasSize(1000);
        assertThat(ac[0]).isCloseTo(1 - 0.00085, within(1e-15));
        for (int t : new int[] {1, 2, 500, 876, 999}) {
            assertThat(ac[t]).as("t=%d", t).isCloseTo(alphaCumprodByLogs(t), within(1e-12));
        }
        // the widely quoted SD value: alphas_cumprod[999] ~ 0.00466
        assertThat(ac[999]).isCloseTo(0.00466, within(5e-5));
    }

    @Test
    void step_epsilon_matchesHandComputation() {
        DdimScheduler s = new DdimScheduler(SD15, PredictionType.EPSILON);
        double a = alphaCumprodByLogs(981);
        double ap = alphaCumprodByLogs(961);
        float[] x = {0.5f, -1.25f};
        float[] eps = {0.2f, 0.7f};
        float[] sample = x.clone();
        s.step(eps, 981, sample, 50);
        for (int i = 0; i < 2; i++) {
            double x0 = (x[i] - Math.sqrt(1 - a) * eps[i]) / Math.sqrt(a);
            double expected = Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * eps[i];
            assertThat((double) sample[i]).isCloseTo(expected, within(1e-5 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void step_vPrediction_matchesHandComputation() {
        DdimScheduler s = new DdimScheduler(SD15, PredictionType.V_PREDICTION);
        double a = alphaCumprodByLogs(751);
        double ap = alphaCumprodByLogs(626);
        float[] x = {0.5f, -1.25f};
        float[] v = {0.3f, -0.9f};
        float[] sample = x.clone();
        s.step(v, 751, sample, 8);
        for (int i = 0; i < 2; i++) {
            double x0 = Math.sqrt(a) * x[i] - Math.sqrt(1 - a) * v[i];
            double e = Math.sqrt(a) * v[i] + Math.sqrt(1 - a) * x[i];
            double expected = Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * e;
            assertThat((double) sample[i]).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void step_lastStep_usesAlphasCumprodZeroAsFinalAlpha() {
        DdimScheduler s = new DdimScheduler(SD15, PredictionType.EPSILON);
        double a = alphaCumprodByLogs(1);
        double ap = 1 - 0.00085;   // set_alpha_to_one = false
        float[] sample = {0.8f};
        float[] eps = {-0.4f};
        s.step(eps, 1, sample, 50);
        double x0 = (0.8 - Math.sqrt(1 - a) * -0.4) / Math.sqrt(a);
        assertThat((double) sample[0]).isCloseTo(Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * -0.4, within(1e-6));
    }

    @Test
    void step_exactModelOutputs_bothTypesLandOnTheNoisedCleanSampleAtThePreviousStep() {
        // x_t = sqrt(a) x0 + sqrt(1-a) eps; with a perfect model DDIM (eta 0) gives sqrt(a') x0 + sqrt(1-a') eps
        double x0 = 0.37;
        double eps = -1.1;
        for (PredictionType type : PredictionType.values()) {
            DdimScheduler s = new DdimScheduler(SD15, type);
            int[] ts = s.timesteps(8);
            for (int k = 0; k < ts.length; k++) {
                double a = s.alphaCumprod(ts[k]);
                double ap = k + 1 < ts.length ? s.alphaCumprod(ts[k + 1]) : s.alphaCumprod(0);
                float[] sample = {(float) (Math.sqrt(a) * x0 + Math.sqrt(1 - a) * eps)};
                double out = type == PredictionType.EPSILON ? eps : Math.sqrt(a) * eps - Math.sqrt(1 - a) * x0;
                s.step(new float[] {(float) out}, ts[k], sample, 8);
                assertThat((double) sample[0]).as("%s t=%d", type, ts[k])
                        .isCloseTo(Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * eps, within(2e-5));
            }
        }
    }

    @Test
    void step_mismatchedLengths_areRejected() {
        DdimScheduler s = new DdimScheduler(SD15, PredictionType.EPSILON);
        assertThatThrownBy(() -> s.step(new float[2], 981, new float[3], 50)).hasMessageContaining("2");
    }

    @Test
    void params_unknownBetaSchedule_isRejectedByName() {
        assertThatThrownBy(() -> new SchedulerParams(1000, 0.00085, 0.012, "squaredcos_cap_v2", 1, false,
                TimestepSpacing.LEADING)).hasMessageContaining("squaredcos_cap_v2");
    }

    @Test
    void predictionType_parse_acceptsDiffusersNamesOnly() {
        assertThat(PredictionType.parse("v_prediction")).isEqualTo(PredictionType.V_PREDICTION);
        assertThat(PredictionType.parse("epsilon")).isEqualTo(PredictionType.EPSILON);
        assertThatThrownBy(() -> PredictionType.parse("sample")).hasMessageContaining("\"sample\"");
    }

    @Test
    void initNoiseSigma_isOne() {
        assertThat(new DdimScheduler(SD15, PredictionType.EPSILON).initNoiseSigma()).isEqualTo(1.0f);
    }
}
