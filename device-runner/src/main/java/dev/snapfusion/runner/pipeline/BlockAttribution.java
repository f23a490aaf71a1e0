package dev.snapfusion.runner.pipeline;

import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.protocol.OpProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives a UNet op to a block of the manifest's table by its output tensor's name (docs/op-profile.md): the converter
 * names the whole UNet's tensors {@code <block id>/t<n>} (Graph.scope), so the block is the longest id that is the
 * whole name or its part before a '/'. The graph's output keeps its wire name ({@code out}); a name that exactly one
 * block declares as its output goes to that block. Anything else is {@link OpProfile#UNATTRIBUTED}. Immutable.
 */
final class BlockAttribution {
    private final List<String> ids;
    private final Map<String, String> soleOutputs = new HashMap<>();

    BlockAttribution(List<Block> blocks) {
        List<String> sorted = new ArrayList<>();
        Map<String, Integer> outputUses = new HashMap<>();
        for (Block b : blocks) {
            sorted.add(b.id());
            for (String o : b.outputs()) {
                outputUses.merge(o, 1, Integer::sum);
                soleOutputs.put(o, b.id());
            }
        }
        soleOutputs.keySet().removeIf(o -> outputUses.get(o) > 1);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        ids = List.copyOf(sorted);
    }

    String blockOf(String tensor) {
        if (tensor == null || tensor.isEmpty()) return OpProfile.UNATTRIBUTED;
        for (String id : ids) {
            if (tensor.equals(id) || tensor.startsWith(id + "/")) return id;
        }
        return soleOutputs.getOrDefault(tensor, OpProfile.UNATTRIBUTED);
    }

    /** The one block all of a partition's tensors belong to, else {@link OpProfile#UNATTRIBUTED}. */
    String blockOf(List<String> tensors) {
        Set<String> blocks = blocksOf(tensors);
        return blocks.size() == 1 ? blocks.iterator().next() : OpProfile.UNATTRIBUTED;
    }

    /** Every block the tensors name, in order of first appearance. */
    Set<String> blocksOf(List<String> tensors) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tensors) out.add(blockOf(t));
        return out;
    }
}
