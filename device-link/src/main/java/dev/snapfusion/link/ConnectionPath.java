package dev.snapfusion.link;

/** How the studio reaches a device. */
public enum ConnectionPath {
    /** Through an adb server's {@code host:transport:<serial>}: fast, shared with the adb CLI. */
    ADB_SERVER,
    /** Straight to the device's adbd over TCP with the studio's own key (no adb server available). */
    DIRECT
}
