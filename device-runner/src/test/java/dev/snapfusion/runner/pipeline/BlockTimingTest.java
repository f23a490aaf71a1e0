package dev.snapfusion.runner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BlockKind;
import dev.snapfusion.runner.tflite.Backend;
import dev.snapfusion.runner.tflite.TfliteModel;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BlockTiming against fake models whose invoke times are scripted: a block's first invoke in a recorded pass (its pool
 * waking up) costs more than the timed one, the whole UNet costs the sum of the timed ones. The medians must come from
 * the timed invokes only, add up to the whole, and the copies show up as overhead, not in any block.
 */
class BlockTimingTest {
    /** The model invoked last, over all fakes: a model invoked right after itself finds its pool awake. */
    private static Object lastRun;

    /** Costs {@code warm} ms when it ran just before (pool awake), else {@code cold} ms, as TFLite would report. */
    private static final class FakeModel implements TfliteModel {
        final double cold;
        final double warm;
        int calls;
        double last = Double.NaN;

        FakeModel(double cold, double warm) {
            this.cold = cold;
            this.warm = warm;
        }

        @Override
        public float[][] run(Object... inputs) {
            calls++;
            last = lastRun == this ? warm : cold;
            lastRun = this;
            return new float[][] {((float[]) inputs[0]).clone()};
        }

        @Override public double lastInvokeMs() { return last; }
        @Override public long fileBytes() { return 0; }
        @Override public int inputCount() { return 1; }
        @Override public int[] inputShape(int i) { return new int[] {1}; }
        @Override public int[] outputShape(int i) { return new int[] {1}; }
        @Override public void close() { }
    }

    private static final class FakeRuntime implements TfliteRuntime {
        final List<FakeModel> made = new ArrayList<>();
        final double[][] costs;

        FakeRuntime(double[][] costs) {
            this.costs = costs;
        }

        @Override public String id() { return "fake"; }
        @Override public String version() { return "0"; }

        @Override
        public TfliteModel load(File file, int threads, Backend backend) {
            double[] c = costs[made.size()];
            FakeModel m = new FakeModel(c[0], c[1]);
            made.add(m);
            return m;
        }
    }

    private static Block block(String id, String in, String out) {
        return new Block(id, "down.0", BlockKind.RESNET, 1, 1, id + ".tflite", List.of(in), List.of(out));
    }

    @Test
    void measure_coldFirstInvokes_blockMediansComeFromTheTimedInvokesAndAddUpToTheWhole() {
        // three blocks: cold 3 ms / warm 1 ms, cold 5 / warm 2, cold 4 / warm 0.5; the whole UNet costs 3.5 ms
        FakeRuntime rt = new FakeRuntime(new double[][] {{3, 1}, {5, 2}, {4, 0.5}});
        List<Block> blocks = List.of(block("a", "sample", "h"), block("b", "h", "h"), block("c", "h", "out"));
        FakeModel whole = new FakeModel(3.5, 3.5);
        try (Unet unet = new Unet(whole, blocks, new File("."), 2, Backend.XNNPACK, true, rt, List.of())) {
            BlockTiming.Result r = new BlockTiming(unet, 5).measure(new float[] {1}, new float[] {0}, new float[] {0});

            assertThat(r.blockMs()).containsExactly(java.util.Map.entry("a", 1.0), java.util.Map.entry("b", 2.0),
                    java.util.Map.entry("c", 0.5));
            assertThat(r.wholeMs()).isEqualTo(3.5);
            assertThat(r.sumOverWhole()).isEqualTo(1.0);
            assertThat(r.samples()).isGreaterThanOrEqualTo(5);
            // fakes report invoke times they never spend, so only the wiring of the overhead line is checked here
            assertThat(r.overheadMs()).isNotNaN();
            // one warm-up pass, then per sample a wake-up and a timed invoke per block
            assertThat(rt.made).allSatisfy(m -> assertThat(m.calls).isEqualTo(1 + 2 * r.samples()));
        }
    }
}
