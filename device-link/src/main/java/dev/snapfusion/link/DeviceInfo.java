package dev.snapfusion.link;

/**
 * One device as a server lists it. Devices are keyed by (server, serial): the same serial may appear on
 * two servers.
 *
 * @param server "host:port" of the adb server, or {@link DeviceLink#VIRTUAL_SERIAL} for the virtual device
 * @param state the server's word: device, offline, unauthorized, ...; "available" for a virtual device
 *     not started yet
 */
public record DeviceInfo(String server, String serial, String state, String model, String product, boolean virtual) {
    /** True when the device can run commands now. */
    public boolean online() {
        return state.equals("device");
    }
}
