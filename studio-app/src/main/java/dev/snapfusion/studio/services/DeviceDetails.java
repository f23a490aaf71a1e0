package dev.snapfusion.studio.services;

/**
 * What the Devices page shows about one device.
 *
 * @param ramBytes total RAM from /proc/meminfo, or -1 when the device did not say
 * @param description one line for people (says when timings are the host CPU's)
 */
public record DeviceDetails(String model, String manufacturer, String androidRelease, String sdk, String abiList,
                            long ramBytes, String description) {
    /** The runner ships for arm64-v8a only; the virtual device runs on the host's own ABI. */
    public boolean runnerSupported(boolean virtual) {
        return virtual || abiList.contains("arm64-v8a");
    }
}
