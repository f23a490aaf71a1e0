package dev.snapfusion.studio.ops;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * One row of a "Run Order" table of TFLite's op profiler: one node of the graph (docs/op-profiles.md).
 *
 * @param type the node type as printed: a builtin ({@code CONV_2D}), an XNNPACK operator
 *             ({@code Convolution (NHWC, F32) IGEMM}) or a delegate node ({@code TfLiteXNNPackDelegate})
 * @param name the node's name: its output tensors and node index ({@code [down.0.resnet.0/t17]:6}), or
 *             {@code Delegate/<operator>:<n>} for an op profiled inside XNNPACK
 * @param startMs when the node started within a run, only in the older layout with a {@code [start]} column
 * @param avgMs milliseconds per call, averaged over all calls
 * @param timesCalled calls per run; 0 in old outputs that did not count them
 */
public record OpRow(String type, String name, OptionalDouble startMs, double firstMs, double avgMs, double percent,
                    double cdfPercent, double memKb, long timesCalled) {
    /** Delegate kernels that replace a partition of the graph: TfLiteXNNPackDelegate, TfLiteGpuDelegateV2, TfLiteNnapiDelegate... */
    private static final Pattern DELEGATE_NODE = Pattern.compile("TfLite\\w*Delegate\\w*|DELEGATE");

    /**
     * Milliseconds per run. The profiler's avg is per call, so a node called 12 times a run costs 12 avgs
     * (that is how its [%] column is computed); old outputs print 0 calls and mean one.
     */
    public double runMs() {
        return avgMs * Math.max(1, timesCalled);
    }

    /** Whether this node is a delegate kernel whose own ops the profile does not show. */
    public boolean hidesOps() {
        return DELEGATE_NODE.matcher(type).matches();
    }
}
