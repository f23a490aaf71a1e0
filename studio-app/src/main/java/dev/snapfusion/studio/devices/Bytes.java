package dev.snapfusion.studio.devices;

import java.util.Locale;

/** Sizes as people read them on this page: kB below 1 MB, MB below 10 GB, GB above, as {@code studio ls} prints them. */
final class Bytes {
    private Bytes() {
    }

    static String mb(long bytes) {
        if (bytes < 0) return "size unknown";
        if (bytes < 1_000_000) return String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
        if (bytes >= 10_000_000_000L) return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
