package dev.snapfusion.studio.models;

import java.util.Locale;

/** How the Models page writes sizes and counts. */
final class Sizes {
    private Sizes() {
    }

    /** 1.23 GB, 45.6 MB, 789 KB, 12 B. */
    static String bytes(long b) {
        if (b >= 1_000_000_000L) return String.format(Locale.ROOT, "%.2f GB", b / 1e9);
        if (b >= 1_000_000L) return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
        if (b >= 1_000L) return String.format(Locale.ROOT, "%.0f KB", b / 1e3);
        return b + " B";
    }

    /** 859.5 M, 7.6 M, 20,736. */
    static String params(long n) {
        return n >= 1_000_000L ? String.format(Locale.ROOT, "%.1f M", n / 1e6) : String.format(Locale.ROOT, "%,d", n);
    }

    /** FLOPs as GFLOP with two decimals (the tiny demo UNet is about 1.6 GFLOP per step). */
    static String gflops(long flops) {
        return String.format(Locale.ROOT, "%.2f", flops / 1e9);
    }
}
