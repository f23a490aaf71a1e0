package dev.snapfusion.runner.pipeline;

import dev.snapfusion.runner.protocol.OpProfile;
import dev.snapfusion.runner.tflite.OpTime;
import dev.snapfusion.runner.tflite.OpaquePartition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one component's {@link OpTime}s into its part of op_profile.json: each op with its block and share, the
 * per-block totals, and a note for each partition that stayed whole (docs/op-profile.md). Stateless.
 */
final class ComponentSummary {
    private ComponentSummary() {
    }

    /**
     * @param blocks the UNet's block attribution, or null for a component without a block table (every op is then
     *     given to the component itself)
     * @param blockOrder block ids to list first, in this order (the manifest's); others follow as they appear
     */
    static OpProfile.Component summarize(String component, double invokeMs, double profilerMs, List<OpTime> times,
                                         List<OpaquePartition> opaque, BlockAttribution blocks, List<String> blockOrder) {
        double total = times.stream().mapToDouble(OpTime::ms).sum();
        List<OpProfile.Op> ops = new ArrayList<>();
        Map<String, double[]> perBlock = new LinkedHashMap<>();   // block → {ms, ops}
        for (String id : blockOrder) perBlock.put(id, new double[2]);
        for (OpTime t : times) {
            String block = blocks == null ? component : blockOf(t, opaque, blocks);
            ops.add(new OpProfile.Op(t.type(), t.name(), t.tensor(), block, t.ms(), share(t.ms(), total), t.partition()));
            double[] b = perBlock.computeIfAbsent(block, k -> new double[2]);
            b[0] += t.ms();
            b[1]++;
        }
        // Blocks of the table that no op named are kept (at 0 ms), so a missing attribution shows.
        if (perBlock.containsKey(OpProfile.UNATTRIBUTED)) perBlock.put(OpProfile.UNATTRIBUTED, perBlock.remove(OpProfile.UNATTRIBUTED));
        List<OpProfile.Block> totals = new ArrayList<>();
        perBlock.forEach((id, b) -> totals.add(new OpProfile.Block(id, b[0], share(b[0], total), (int) b[1])));
        List<String> notes = new ArrayList<>();
        for (OpaquePartition p : opaque) notes.add(note(p, blocks));
        return new OpProfile.Component(component, invokeMs, profilerMs, ops, totals, notes);
    }

    private static String blockOf(OpTime t, List<OpaquePartition> opaque, BlockAttribution blocks) {
        if (OpTime.DELEGATE.equals(t.type()) && t.partition() >= 0) {
            for (OpaquePartition p : opaque) if (p.partition() == t.partition()) return blocks.blockOf(p.tensors());
            return OpProfile.UNATTRIBUTED;
        }
        return blocks.blockOf(t.tensor());
    }

    private static String note(OpaquePartition p, BlockAttribution blocks) {
        String span = "";
        if (blocks != null) {
            Set<String> ids = blocks.blocksOf(p.tensors());
            span = ids.size() == 1 ? ", all in " + ids.iterator().next()
                    : ", spanning " + ids.size() + " blocks (" + String.join(", ", ids) + "), so its time is "
                    + OpProfile.UNATTRIBUTED;
        }
        return "XNNPACK partition " + p.partition() + " (" + p.tensors().size() + " nodes" + span
                + ") is reported as one DELEGATE op: " + p.reason();
    }

    private static double share(double ms, double total) {
        return total > 0 ? ms / total : 0;
    }
}
