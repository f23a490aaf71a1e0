package dev.snapfusion.bridge.source;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.arch.UnetConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Name mapping between the original (CompVis LDM) single-file layout and diffusers names, in both
 * directions, derived from the architecture the way diffusers' {@code convert_ldm_original_checkpoint}
 * does it for SD-1.x. UNet: {@code input_blocks.k} walks the down path in order (k=0 conv_in; each
 * resnet group is one k with .0 the resnet and .1 its attention; each downsampler is one k with
 * .0.op); {@code middle_block.j} the mid layers in order; {@code output_blocks.k} the up groups, with
 * the stage's upsampler as the last module of its last group. VAE: {@code decoder.up} is numbered
 * from the lowest resolution in diffusers and from the highest in LDM. Text: the same names under
 * {@code cond_stage_model.transformer.}. Full table: docs/architectures.md. Immutable, thread-safe.
 */
public final class LdmLayout {
    public static final String UNET = "model.diffusion_model.";
    public static final String VAE = "first_stage_model.";
    public static final String TEXT = "cond_stage_model.transformer.";

    private enum Kind { PLAIN, RESNET, VAE_RESNET, VAE_ATTENTION }

    private record Entry(String diffusers, String ldm, Kind kind) {
    }

    private static final String[][] RESNET = {{"norm1", "in_layers.0"}, {"conv1", "in_layers.2"}, {"time_emb_proj", "emb_layers.1"},
            {"norm2", "out_layers.0"}, {"conv2", "out_layers.3"}, {"conv_shortcut", "skip_connection"}};
    private static final String[][] VAE_RESNET = {{"conv_shortcut", "nin_shortcut"}};
    private static final String[][] VAE_ATTENTION = {{"group_norm", "norm"}, {"to_q", "q"}, {"to_k", "k"}, {"to_v", "v"},
            {"to_out.0", "proj_out"}};

    private final List<Entry> unet = new ArrayList<>();
    private final List<Entry> vae = new ArrayList<>();

    public LdmLayout(PipelinePreset preset) {
        planUnet(preset.unet());
        planVae(preset.vaeDecoder().blockOutChannels().size(), preset.vaeDecoder().layersPerBlock());
    }

    private void planUnet(UnetConfig u) {
        unet.add(new Entry("time_embedding.linear_1", "time_embed.0", Kind.PLAIN));
        unet.add(new Entry("time_embedding.linear_2", "time_embed.2", Kind.PLAIN));
        unet.add(new Entry("conv_in", "input_blocks.0.0", Kind.PLAIN));
        unet.add(new Entry("conv_norm_out", "out.0", Kind.PLAIN));
        unet.add(new Entry("conv_out", "out.2", Kind.PLAIN));
        int k = 1;
        for (int i = 0; i < u.levels(); i++) {
            String stage = "down." + i;
            k = groups(u, stage, "down_blocks." + i, "input_blocks.", k, null);
            if (i < u.levels() - 1) unet.add(new Entry("down_blocks." + i + ".downsamplers.0.conv", "input_blocks." + k++ + ".0.op", Kind.PLAIN));
        }
        int r = 0, a = 0, j = 0;
        for (String layer : u.layers("mid")) {
            boolean res = layer.equals("resnet");
            unet.add(new Entry("mid_block." + (res ? "resnets." + r++ : "attentions." + a++), "middle_block." + j++,
                    res ? Kind.RESNET : Kind.PLAIN));
        }
        k = 0;
        for (int i = 0; i < u.levels(); i++) {
            String up = i < u.levels() - 1 ? "up_blocks." + i + ".upsamplers.0.conv" : null;
            k = groups(u, "up." + i, "up_blocks." + i, "output_blocks.", k, up);
        }
    }

    /** One LDM index per resnet group; returns the next index. */
    private int groups(UnetConfig u, String stage, String prefix, String ldm, int k, String upsampler) {
        int r = 0, a = 0, inGroup = 0;
        int first = k;
        for (String layer : u.layers(stage)) {
            if (layer.equals("resnet")) {
                if (r > 0) k++;
                unet.add(new Entry(prefix + ".resnets." + r++, ldm + k + ".0", Kind.RESNET));
                inGroup = 0;
            } else {
                if (++inGroup > 1) {
                    throw new CheckpointException("the LDM single-file layout holds one attention per resnet, but unet stage " + stage
                            + " has " + inGroup + " after one resnet; convert it from a diffusers folder instead");
                }
                unet.add(new Entry(prefix + ".attentions." + a++, ldm + k + ".1", Kind.PLAIN));
            }
        }
        if (r == 0) return first;
        if (upsampler != null) unet.add(new Entry(upsampler, ldm + k + "." + (inGroup == 0 ? 1 : 2) + ".conv", Kind.PLAIN));
        return k + 1;
    }

    private void planVae(int levels, int layersPerBlock) {
        vae.add(new Entry("post_quant_conv", "post_quant_conv", Kind.PLAIN));
        vae.add(new Entry("decoder.conv_in", "decoder.conv_in", Kind.PLAIN));
        vae.add(new Entry("decoder.mid_block.resnets.0", "decoder.mid.block_1", Kind.VAE_RESNET));
        vae.add(new Entry("decoder.mid_block.attentions.0", "decoder.mid.attn_1", Kind.VAE_ATTENTION));
        vae.add(new Entry("decoder.mid_block.resnets.1", "decoder.mid.block_2", Kind.VAE_RESNET));
        for (int i = 0; i < levels; i++) {
            int l = levels - 1 - i;
            for (int j = 0; j <= layersPerBlock; j++) {
                vae.add(new Entry("decoder.up_blocks." + i + ".resnets." + j, "decoder.up." + l + ".block." + j, Kind.VAE_RESNET));
            }
            if (i < levels - 1) vae.add(new Entry("decoder.up_blocks." + i + ".upsamplers.0.conv", "decoder.up." + l + ".upsample.conv", Kind.PLAIN));
        }
        vae.add(new Entry("decoder.conv_norm_out", "decoder.norm_out", Kind.PLAIN));
        vae.add(new Entry("decoder.conv_out", "decoder.conv_out", Kind.PLAIN));
    }

    /** diffusers UNet name → full LDM name, or null when it has none. */
    public String unetToLdm(String name) {
        String s = map(unet, name, true);
        return s == null ? null : UNET + s;
    }

    /** Full LDM name → diffusers UNet name, or null. */
    public String unetFromLdm(String ldmName) {
        return ldmName.startsWith(UNET) ? map(unet, ldmName.substring(UNET.length()), false) : null;
    }

    public String vaeToLdm(String name) {
        String s = map(vae, name, true);
        return s == null ? null : VAE + s;
    }

    public String vaeFromLdm(String ldmName) {
        return ldmName.startsWith(VAE) ? map(vae, ldmName.substring(VAE.length()), false) : null;
    }

    public static String textToLdm(String name) {
        return TEXT + name;
    }

    public static String textFromLdm(String ldmName) {
        return ldmName.startsWith(TEXT + "text_model.") ? ldmName.substring(TEXT.length()) : null;
    }

    private static String map(List<Entry> table, String name, boolean toLdm) {
        Entry best = null;
        for (Entry e : table) {
            String p = toLdm ? e.diffusers() : e.ldm();
            if (name.startsWith(p + ".") && (best == null || p.length() > (toLdm ? best.diffusers() : best.ldm()).length())) best = e;
        }
        if (best == null) return null;
        String from = toLdm ? best.diffusers() : best.ldm();
        String to = toLdm ? best.ldm() : best.diffusers();
        String rest = name.substring(from.length() + 1);
        String[][] suffixes = switch (best.kind()) {
            case RESNET -> RESNET;
            case VAE_RESNET -> VAE_RESNET;
            case VAE_ATTENTION -> VAE_ATTENTION;
            case PLAIN -> new String[0][];
        };
        String mapped = rest;
        for (String[] pair : suffixes) {
            String a = toLdm ? pair[0] : pair[1], b = toLdm ? pair[1] : pair[0];
            if (rest.startsWith(a + ".")) {
                mapped = b + rest.substring(a.length());
                break;
            }
        }
        if (best.kind() == Kind.RESNET && mapped.equals(rest)) return null;   // every resnet tensor is renamed
        if (best.kind() == Kind.VAE_ATTENTION && mapped.equals(rest)) return null;
        return to + "." + mapped;
    }
}
