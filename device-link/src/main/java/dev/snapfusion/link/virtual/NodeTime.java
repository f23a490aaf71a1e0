package dev.snapfusion.link.virtual;

import dev.snapfusion.runner.tflite.OpTime;
import dev.snapfusion.runner.tflite.OpaquePartition;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's time in one run, as TFLite's profile summarizer names it (tensorflow/lite/profiling/profile_summarizer.cc):
 * its op type and {@code [output tensor]:node index}, in whole microseconds, which is what its profiler records.
 *
 * @param type {@code CONV_2D}, ..., or {@code TfLiteXNNPackDelegate} for a delegate node
 */
record NodeTime(String type, String name, long us) {
    static final String XNNPACK_NODE = "TfLiteXNNPackDelegate";

    /**
     * The run's nodes from the runtime's op times ({@code OpProfiling}), in execution order. Without XNNPACK every node
     * is a builtin kernel and keeps its own row. With XNNPACK the real profiler sees one delegate node per partition and
     * not the TFLite nodes inside it, so a partition becomes one {@link #XNNPACK_NODE} row holding the sum of its
     * nodes' times, numbered after the graph's own nodes as TFLite numbers the nodes a delegate adds.
     */
    static List<NodeTime> of(List<OpTime> ops, List<OpaquePartition> opaque) {
        int graphNodes = 0;
        for (OpTime t : ops) if (!t.type().equals(OpTime.DELEGATE)) graphNodes++;
        for (OpaquePartition p : opaque) graphNodes += p.tensors().size();
        List<NodeTime> out = new ArrayList<>();
        int index = 0;
        for (int i = 0; i < ops.size(); ) {
            OpTime t = ops.get(i);
            if (t.partition() == OpTime.NO_PARTITION) {
                if (t.type().equals(OpTime.DELEGATE)) out.add(new NodeTime(XNNPACK_NODE, "[" + t.name() + "]:" + graphNodes, us(t.ms())));
                else out.add(new NodeTime(t.type(), "[" + t.tensor() + "]:" + index++, us(t.ms())));
                i++;
                continue;
            }
            double ms = 0;
            String last = t.tensor();
            int k = t.partition();
            for (; i < ops.size() && ops.get(i).partition() == k; i++) {
                ms += ops.get(i).ms();
                if (!ops.get(i).type().equals(OpTime.DELEGATE)) {
                    last = ops.get(i).tensor();
                    index++;
                } else {
                    index += opaque.stream().filter(p -> p.partition() == k).mapToInt(p -> p.tensors().size()).sum();
                }
            }
            out.add(new NodeTime(XNNPACK_NODE, "[" + last + "]:" + (graphNodes + k), us(ms)));
        }
        return out;
    }

    private static long us(double ms) {
        return Math.round(ms * 1000);
    }
}
