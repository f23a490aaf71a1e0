package dev.snapfusion.bridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyntheticCheckpointTest {
    @Test
    void tensor_sameNameAnyOrder_sameValues() {
        SyntheticCheckpoint a = new SyntheticCheckpoint(7), b = new SyntheticCheckpoint(7);
        float[] x1 = a.tensor("down_blocks.0.resnets.0.conv1.weight", 8, 4, 3, 3);
        b.tensor("other.weight", 5, 5);
        assertThat(b.tensor("down_blocks.0.resnets.0.conv1.weight", 8, 4, 3, 3)).containsExactly(x1);
        assertThat(new SyntheticCheckpoint(8).tensor("down_blocks.0.resnets.0.conv1.weight", 8, 4, 3, 3)).isNotEqualTo(x1);
        assertThat(a.tensor("down_blocks.0.resnets.0.conv2.weight", 8, 4, 3, 3)).isNotEqualTo(x1);
    }

    @Test
    void tensor_scales_followFanInNormsAndBiases() {
        SyntheticCheckpoint c = new SyntheticCheckpoint(1);
        float[] w = c.tensor("l.weight", 256, 1024);
        float[] g = c.tensor("norm1.weight", 4096);
        float[] b = c.tensor("l.bias", 4096);
        assertThat(std(w, 0)).isCloseTo(1 / 32.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(mean(g)).isCloseTo(1, org.assertj.core.data.Offset.offset(0.01));
        assertThat(std(g, 1)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.005));
        assertThat(std(b, 0)).isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.003));
        assertThat(Math.abs(mean(w))).isLessThan(0.001);
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return s / v.length;
    }

    private static double std(float[] v, double mu) {
        double s = 0;
        for (float x : v) s += (x - mu) * (x - mu);
        return Math.sqrt(s / v.length);
    }
}
