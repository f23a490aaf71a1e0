package dev.snapfusion.bridge.source;

import dev.snapfusion.bridge.arch.UnetConfig;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An efficient UNet's weights taken from a larger parent (SD-v1.5) by dropping blocks: each tensor
 * of the derived layout is read from the parent block it descends from. The rule (docs/architectures.md):
 * per stage and per kind (resnet, cross-attention), down and mid stages keep the parent's first
 * blocks and up stages its last ones (an up stage's last resnet pops the downsampler's skip, whose
 * channels differ, so blocks line up from the end); when the derived stage has more
 * cross-attentions than the parent (SnapFusion's Up-1: 6 against 3), attention k copies the
 * parent's attention k mod n. Stems, downsamplers and upsamplers map to themselves. Thread-safe.
 */
public final class DerivedCheckpoint implements Checkpoint {
    private static final Pattern STAGE = Pattern.compile("^(down_blocks|up_blocks)\\.(\\d+)\\.(resnets|attentions)\\.(\\d+)\\.(.+)$");
    private static final Pattern MID = Pattern.compile("^mid_block\\.(resnets|attentions)\\.(\\d+)\\.(.+)$");

    private final UnetConfig parent;
    private final UnetConfig derived;
    private final Checkpoint source;

    public DerivedCheckpoint(UnetConfig parent, UnetConfig derived, Checkpoint source) {
        if (!parent.blockOutChannels().equals(derived.blockOutChannels())) {
            throw new CheckpointException("derive: block_out_channels " + derived.blockOutChannels() + " differ from the parent's "
                    + parent.blockOutChannels() + "; derive only drops blocks");
        }
        this.parent = parent;
        this.derived = derived;
        this.source = source;
        for (String stage : derived.stageNames()) {
            for (String kind : List.of("resnet", "cross_attention")) {
                int d = count(derived, stage, kind), p = count(parent, stage, kind);
                if (d > 0 && p == 0) {
                    throw new CheckpointException("derive: stage " + stage + " has " + d + " " + kind + " blocks but the parent has none to take weights from");
                }
                if (kind.equals("resnet") && d > p) {
                    throw new CheckpointException("derive: stage " + stage + " has " + d + " resnets, the parent only " + p
                            + "; resnets cannot be added (their skips would not exist)");
                }
            }
        }
    }

    /** The parent tensor name that {@code name} of the derived UNet is read from. */
    public String parentName(String name) {
        Matcher m = STAGE.matcher(name);
        if (m.matches()) {
            String stage = (m.group(1).startsWith("down") ? "down." : "up.") + m.group(2);
            int i = map(stage, m.group(3), Integer.parseInt(m.group(4)), stage.startsWith("up"));
            return m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + i + "." + m.group(5);
        }
        m = MID.matcher(name);
        if (m.matches()) return "mid_block." + m.group(1) + "." + map("mid", m.group(1), Integer.parseInt(m.group(2)), false) + "." + m.group(3);
        return name;
    }

    private int map(String stage, String group, int index, boolean fromEnd) {
        String kind = group.equals("resnets") ? "resnet" : "cross_attention";
        int d = count(derived, stage, kind), p = count(parent, stage, kind);
        if (d > p) return index % p;
        return fromEnd ? p - d + index : index;
    }

    private static int count(UnetConfig u, String stage, String kind) {
        return (int) u.layers(stage).stream().filter(kind::equals).count();
    }

    @Override
    public float[] tensor(String name, int... shape) {
        String p = parentName(name);
        try {
            return source.tensor(p, shape);
        } catch (CheckpointException e) {
            throw p.equals(name) ? e : new CheckpointException("derive: " + name + " is taken from " + p + ": " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "UNet derived from " + source.describe();
    }
}
