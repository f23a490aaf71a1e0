package dev.snapfusion.studio.report;

/** Names of the two model families the studio compares. */
public final class Variants {
    public static final String SNAPFUSION = "snapfusion";
    public static final String SD15 = "sd15";

    private Variants() {
    }

    public static String displayName(String variant) {
        if (SNAPFUSION.equals(variant)) return "SnapFusion";
        if (SD15.equals(variant)) return "SD-v1.5";
        return variant;
    }
}
