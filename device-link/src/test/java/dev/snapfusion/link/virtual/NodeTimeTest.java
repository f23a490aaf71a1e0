package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.runner.tflite.OpTime;
import dev.snapfusion.runner.tflite.OpaquePartition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Op times as TFLite's profiler would see the nodes: builtin nodes by tensor and index, one row per XNNPACK partition. */
class NodeTimeTest {
    @Test
    void of_builtinKernelsOnly_oneRowPerNodeNamedByTensorAndIndex_wholeMicroseconds() {
        List<NodeTime> n = NodeTime.of(List.of(
                new OpTime("CONV_2D", OpTime.BUILTIN_KERNEL, "stem.conv_in/t5", 0.0304, 1, OpTime.NO_PARTITION),
                new OpTime("ADD", OpTime.BUILTIN_KERNEL, "down.0.resnet.0/t12", 0.0006, 1, OpTime.NO_PARTITION)), List.of());
        assertThat(n).containsExactly(new NodeTime("CONV_2D", "[stem.conv_in/t5]:0", 30), new NodeTime("ADD", "[down.0.resnet.0/t12]:1", 1));
    }

    @Test
    void of_xnnpackPartitions_oneDelegateRowEach_numberedAfterTheGraphsNodes() {
        List<NodeTime> n = NodeTime.of(List.of(
                new OpTime("FULLY_CONNECTED", "Fully Connected (NC, F32) GEMM", "a/t0", 0.010, 1, 0),
                new OpTime("LOGISTIC", "Sigmoid (NC, F32)", "a/t1", 0.002, 1, 0),
                new OpTime("RESIZE_NEAREST_NEIGHBOR", OpTime.BUILTIN_KERNEL, "b/t2", 0.004, 1, OpTime.NO_PARTITION),
                new OpTime(OpTime.DELEGATE, "TfLiteXNNPackDelegate, 3 nodes", "c/t3", 0.050, 1, 1),
                new OpTime("ADD", OpTime.BUILTIN_KERNEL, "d/t6", 0.001, 1, OpTime.NO_PARTITION)),
                List.of(new OpaquePartition(1, List.of("c/t3", "c/t4", "c/t5"), "why")));
        // 2 + 1 + 3 + 1 = 7 graph nodes; the delegate nodes are 7 and 8.
        assertThat(n).containsExactly(new NodeTime(NodeTime.XNNPACK_NODE, "[a/t1]:7", 12),
                new NodeTime("RESIZE_NEAREST_NEIGHBOR", "[b/t2]:2", 4),
                new NodeTime(NodeTime.XNNPACK_NODE, "[c/t3]:8", 50),
                new NodeTime("ADD", "[d/t6]:6", 1));
    }
}
