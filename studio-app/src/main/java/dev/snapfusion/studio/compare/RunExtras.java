package dev.snapfusion.studio.compare;

/**
 * What the caller knows about a run that the run folder does not record.
 *
 * @param bundleBytes total size of the model bundle on disk, or -1 when unknown
 * @param device human name of the device, or null to keep the one the runner wrote into timings.json
 */
public record RunExtras(long bundleBytes, String device) {
    public static final RunExtras NONE = new RunExtras(-1, null);

    public RunExtras {
        if (bundleBytes < -1) throw new IllegalArgumentException("bundleBytes must be >= 0 or -1, got " + bundleBytes);
    }
}
