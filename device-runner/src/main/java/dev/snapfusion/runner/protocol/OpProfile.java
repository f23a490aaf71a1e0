package dev.snapfusion.runner.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * op_profile.json: the per-op times of one profiled whole-graph pass of each component, written by the runner after
 * a {@code "profile": "ops"} run (docs/op-profile.md). Read and written only by {@link OpProfileCodec}. Immutable.
 *
 * @param runtime the TFLite that produced it, as in timings.json ({@code "TFLite 2.21.0 (C++ API, JavaCPP)"})
 * @param warmups unprofiled-for-the-record passes before the profiled ones
 * @param passes profiled passes each op time is the mean of
 * @param notes what the times do not show (opaque partitions, components not profiled)
 */
public record OpProfile(String runtime, String device, String bundleId, String delegate, int threads, int warmups,
                        int passes, List<Component> components, List<String> notes) {
    public static final String FILE_NAME = "op_profile.json";
    public static final String FORMAT = "snapfusion-op-profile";
    public static final int VERSION = 1;
    /** The block of an op whose tensor names no block of the manifest, and of a partition spanning several. */
    public static final String UNATTRIBUTED = "unattributed";

    public OpProfile {
        components = List.copyOf(components);
        notes = List.copyOf(notes);
    }

    /**
     * One model file.
     *
     * @param name the manifest's component name ({@code unet}, {@code text_encoder}, {@code vae_decoder})
     * @param invokeMs mean wall time of the profiled invokes, the profiler's callbacks included
     * @param profilerMs the part of {@code invokeMs} spent in the profiler's callbacks
     * @param ops every node of the execution plan in order
     * @param blocks op times summed per block, in the order blocks first appear in {@code ops}
     */
    public record Component(String name, double invokeMs, double profilerMs, List<Op> ops, List<Block> blocks,
                            List<String> notes) {
        public Component {
            ops = List.copyOf(ops);
            blocks = List.copyOf(blocks);
            notes = List.copyOf(notes);
        }

        public double opsMs() {
            return ops.stream().mapToDouble(Op::ms).sum();
        }
    }

    /**
     * One TFLite node (or one unsplit delegate partition, type {@code DELEGATE}).
     *
     * @param kernel what ran it: {@code builtin kernel}, XNNPACK's operator names, or why it has no operator
     * @param share of the component's summed op time
     * @param partition XNNPACK partition in execution order, -1 for a builtin kernel
     */
    public record Op(String type, String kernel, String tensor, String block, double ms, double share, int partition) {
    }

    /** Op times of one block (or {@link #UNATTRIBUTED}); {@code ops} counts the nodes summed. */
    public record Block(String block, double ms, double share, int ops) {
    }

    public Optional<Component> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The UNet's op time per block id, in block order; empty when the UNet was not profiled. */
    public Map<String, Double> unetBlockMs() {
        Map<String, Double> out = new LinkedHashMap<>();
        component("unet").ifPresent(c -> c.blocks().forEach(b -> out.put(b.block(), b.ms())));
        return out;
    }
}
