package dev.snapfusion.runner.bundle;

import java.util.Locale;

/** What a UNet block is. The wire names are the lower-case enum names. */
public enum BlockKind {
    /** conv_in, time embedding, norm/conv_out. */
    STEM,
    RESNET,
    CROSS_ATTENTION,
    DOWNSAMPLE,
    UPSAMPLE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BlockKind fromWire(String s) {
        for (BlockKind k : values()) if (k.wireName().equals(s)) return k;
        throw new BundleFormatException("unknown block kind '" + s + "'");
    }
}
