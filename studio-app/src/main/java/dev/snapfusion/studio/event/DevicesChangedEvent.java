package dev.snapfusion.studio.event;

import dev.snapfusion.link.DeviceInfo;
import java.util.List;

/** The Devices page saw a new device list (hot-plug, a started virtual device); the Generate page's picker follows. */
public record DevicesChangedEvent(List<DeviceInfo> devices) {
    public DevicesChangedEvent {
        devices = List.copyOf(devices);
    }
}
