package dev.snapfusion.studio.ops;

import dev.snapfusion.runner.bundle.Block;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assigns profiled ops to the UNet blocks of a bundle's block table (docs/bundle.md) by the names of their output
 * tensors: an op belongs to the block whose id, or whose diffusers module name ({@code down_blocks.1.attentions.0}
 * for {@code down.1.cross_attention.0}), is the longest prefix of a tensor name or of a part of it after a '/'.
 * Delegate nodes are never assigned: they hide which ops, of which blocks, they ran. Immutable, so thread-safe.
 *
 * <pre>{@code
 * BlockMapper m = BlockMapper.of(Studio.readManifest(bundle).blocks());
 * for (BlockTotal t : m.totals(OpProfile.read(file).ops())) System.out.println(t.block() + " " + t.ms());
 * }</pre>
 */
public final class BlockMapper {
    public static final String UNATTRIBUTED = "unattributed";
    public static final String DELEGATE = "delegate";
    public static final String HIDDEN_NOTE = "its ops are hidden inside the delegate, so its time is not split by block";

    /** "[t1, t2]:17": the output tensors of node 17, as TFLite's profile_summarizer names a node. */
    private static final Pattern NODE_NAME = Pattern.compile("\\[(.*)\\](?::\\d+)?");
    /** Ops timed inside XNNPACK are named by the operator, "Delegate/Convolution (NHWC, F32) IGEMM:3", not by tensors. */
    private static final String DELEGATE_OP_PREFIX = "Delegate/";
    /** diffusers' module names for our block ids (the weight names UnetBuilder reads), e.g. for DEQUANTIZE outputs. */
    private static final List<String[]> DIFFUSERS = List.of(
            new String[] {"(down|up)\\.(\\d+)\\.resnet\\.(\\d+)", "$1_blocks.$2.resnets.$3"},
            new String[] {"(down|up)\\.(\\d+)\\.cross_attention\\.(\\d+)", "$1_blocks.$2.attentions.$3"},
            new String[] {"mid\\.resnet\\.(\\d+)", "mid_block.resnets.$1"},
            new String[] {"mid\\.cross_attention\\.(\\d+)", "mid_block.attentions.$1"},
            new String[] {"down\\.(\\d+)\\.downsample", "down_blocks.$1.downsamplers.0"},
            new String[] {"up\\.(\\d+)\\.upsample", "up_blocks.$1.upsamplers.0"},
            new String[] {"stem\\.(conv_in|time_embedding|conv_out)", "$1"},
            new String[] {"stem\\.conv_out", "conv_norm_out"});

    private final List<Block> blocks;
    private final List<Map.Entry<String, Block>> prefixes;

    private BlockMapper(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
        List<Map.Entry<String, Block>> p = new ArrayList<>();
        for (Block b : blocks) {
            p.add(Map.entry(b.id(), b));
            for (String[] rule : DIFFUSERS) {
                Matcher m = Pattern.compile(rule[0]).matcher(b.id());
                if (m.matches()) p.add(Map.entry(m.replaceFirst(rule[1]), b));
            }
        }
        p.sort(Comparator.comparingInt((Map.Entry<String, Block> e) -> e.getKey().length()).reversed());
        this.prefixes = List.copyOf(p);
    }

    public static BlockMapper of(List<Block> blocks) {
        return new BlockMapper(blocks);
    }

    /** The op's block; empty for delegate nodes and for ops whose tensors name no block. */
    public Optional<Block> blockOf(OpRow op) {
        if (op.hidesOps() || op.name().startsWith(DELEGATE_OP_PREFIX)) return Optional.empty();
        for (String tensor : tensors(op.name())) {
            for (int from = 0; from >= 0; from = next(tensor, from)) {
                Optional<Block> b = longestPrefix(tensor, from);
                if (b.isPresent()) return b;
            }
        }
        return Optional.empty();
    }

    /**
     * Milliseconds per run by block, in block-table order, then one row per delegate node type, then the ops no
     * block claims. Blocks without ops are left out.
     */
    public List<BlockTotal> totals(List<OpRow> ops) {
        double all = ops.stream().mapToDouble(OpRow::runMs).sum();
        Map<String, double[]> byBlock = new LinkedHashMap<>();
        blocks.forEach(b -> byBlock.put(b.id(), new double[2]));
        Map<String, double[]> delegates = new LinkedHashMap<>();
        double[] rest = new double[2];
        for (OpRow op : ops) {
            double[] acc = op.hidesOps() ? delegates.computeIfAbsent(op.type(), t -> new double[2])
                    : blockOf(op).map(b -> byBlock.get(b.id())).orElse(rest);
            acc[0] += op.runMs();
            acc[1]++;
        }
        List<BlockTotal> out = new ArrayList<>();
        for (Block b : blocks) {
            double[] acc = byBlock.get(b.id());
            if (acc[1] > 0) out.add(total(b.id(), b.kind().wireName(), acc, all, ""));
        }
        delegates.forEach((type, acc) -> out.add(total(type, DELEGATE, acc, all, HIDDEN_NOTE)));
        if (rest[1] > 0) out.add(total(UNATTRIBUTED, UNATTRIBUTED, rest, all, ""));
        return out;
    }

    private static BlockTotal total(String block, String kind, double[] acc, double all, String note) {
        return new BlockTotal(block, kind, acc[0], all > 0 ? acc[0] / all : 0, (int) acc[1], note);
    }

    private Optional<Block> longestPrefix(String tensor, int from) {
        for (Map.Entry<String, Block> e : prefixes) {
            String p = e.getKey();
            int end = from + p.length();
            if (tensor.startsWith(p, from) && (end == tensor.length() || !isNamePart(tensor.charAt(end)))) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** Where the next '/'-separated part of a tensor name starts, or -1. */
    private static int next(String tensor, int from) {
        int slash = tensor.indexOf('/', from);
        return slash < 0 ? -1 : slash + 1;
    }

    /** A prefix must end at a name boundary: down.0.resnet.1 is not a prefix of down.0.resnet.10/t3. */
    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    static List<String> tensors(String name) {
        Matcher m = NODE_NAME.matcher(name);
        if (m.matches()) return List.of(m.group(1).split(",\\s*"));
        return List.of(name.replaceFirst(":\\d+$", ""));
    }
}
