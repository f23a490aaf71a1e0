package dev.snapfusion.studio.report;

import java.util.Map;

/** One colour per block kind, the same in the HTML report and the workbench (compare.css mirrors these). */
public final class KindColors {
    private static final Map<String, String> COLORS = Map.of(
            "cross_attention", "#e07a2f",
            "resnet", "#2f6fb0",
            "downsample", "#7a5cb8",
            "upsample", "#3f9b5a",
            "stem", "#8a8f98");

    private KindColors() {
    }

    /** Hex colour of a kind; unknown kinds get grey. */
    public static String of(String kind) {
        return COLORS.getOrDefault(kind, "#b0b4ba");
    }
}
