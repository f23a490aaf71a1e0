package dev.snapfusion.runner.pipeline;

import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import java.io.File;

/**
 * Whether this device can hold the whole UNet and its block files at once. XNNPACK packs fp16 weights to fp32, so a
 * loaded UNet costs about its file (mapped) plus twice its fp16 bytes (packed); both copies need room for that twice
 * over, with a margin for the decoder's activations and the OS: {@code MemAvailable > 4 × (whole + blocks bytes)}.
 * A full-size SnapFusion fp16 UNet (1.5 GB + 1.5 GB of files) needs 12 GB free; the demo ones pass anywhere.
 */
final class MemoryBudget {
    static final int FACTOR = 4;
    /** {@code always} or {@code never} overrides the check (tests, and users who know their device). */
    static final String PROPERTY = "snapfusion.blockwise.interleave";

    private MemoryBudget() {
    }

    static boolean roomForBoth(File bundleDir, BundleManifest m) {
        String forced = System.getProperty(PROPERTY, "auto");
        if (forced.equals("always")) return true;
        if (forced.equals("never")) return false;
        long bytes = new File(bundleDir, m.component(BundleManifest.UNET).file()).length();
        for (Block b : m.blocks()) bytes += new File(bundleDir, b.file()).length();
        long availableKb = memAvailableKb();
        return availableKb >= 0 && availableKb * 1024L > FACTOR * bytes;
    }

    /** MemAvailable from /proc/meminfo in kB, or -1 where it cannot be read (then the runner times blocks and the whole UNet one after the other). */
    static long memAvailableKb() {
        return DeviceInfo.procKb("/proc/meminfo", "MemAvailable:");
    }
}
