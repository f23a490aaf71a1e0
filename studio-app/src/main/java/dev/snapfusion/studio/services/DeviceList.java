package dev.snapfusion.studio.services;

import dev.snapfusion.link.DeviceInfo;
import java.util.List;

/**
 * One snapshot of the devices list.
 *
 * @param warnings problems met while listing (no adb, an unreachable remote server); empty when all is well
 */
public record DeviceList(List<DeviceInfo> devices, List<String> warnings) {
    public DeviceList {
        devices = List.copyOf(devices);
        warnings = List.copyOf(warnings);
    }
}
