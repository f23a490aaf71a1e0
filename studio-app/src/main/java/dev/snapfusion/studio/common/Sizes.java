package dev.snapfusion.studio.common;

import java.util.Locale;

/** How the studio writes sizes and counts, on every page and in {@code studio ls}: SI units, as adb and Android do. */
public final class Sizes {
    private Sizes() {
    }

    /** 4 kB, 17.7 MB, 1.72 GB; a negative size (not known) reads "size unknown". */
    public static String bytes(long b) {
        if (b < 0) return "size unknown";
        if (b >= 1_000_000_000L) return String.format(Locale.ROOT, "%.2f GB", b / 1e9);
        if (b >= 1_000_000L) return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
        if (b >= 1_000L) return String.format(Locale.ROOT, "%.0f kB", b / 1e3);
        return b + " B";
    }

    /** 859.5 M, 7.6 M, 20,736. */
    public static String params(long n) {
        return n >= 1_000_000L ? String.format(Locale.ROOT, "%.1f M", n / 1e6) : String.format(Locale.ROOT, "%,d", n);
    }

    /** FLOPs as GFLOP with two decimals (the toy UNets are about 1–3 GFLOP per step). */
    public static String gflops(long flops) {
        return String.format(Locale.ROOT, "%.2f", flops / 1e9);
    }
}
