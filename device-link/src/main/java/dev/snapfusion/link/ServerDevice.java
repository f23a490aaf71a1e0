package dev.snapfusion.link;

import java.util.Map;

/**
 * One line of an adb server's device list.
 *
 * @param properties the {@code key:value} words of {@code host:devices-l} (product, model, device,
 *     transport_id, usb); empty for {@code host:track-devices}
 */
record ServerDevice(String serial, String state, Map<String, String> properties) {
    ServerDevice {
        properties = Map.copyOf(properties);
    }

    String property(String key) {
        return properties.getOrDefault(key, "");
    }
}
