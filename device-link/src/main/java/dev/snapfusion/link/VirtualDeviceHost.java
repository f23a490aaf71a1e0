package dev.snapfusion.link;

import dev.snapfusion.link.virtual.VirtualDevice;
import dev.snapfusion.link.virtual.VirtualDeviceConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the virtual device on demand: its sandbox persists in the workspace between CLI runs; the
 * port is {@link #PREFERRED_PORT} when free, else any free port.
 */
final class VirtualDeviceHost implements AutoCloseable {
    static final int PREFERRED_PORT = 5790;

    private final Path sandbox;
    private VirtualDevice device;

    VirtualDeviceHost(Path workspace) {
        this.sandbox = workspace.resolve("virtual-device");
    }

    synchronized boolean started() {
        return device != null;
    }

    /** "127.0.0.1:port" once started: the serial the adb server gives it after host:connect. */
    synchronized String address() {
        return device == null ? "" : device.address();
    }

    synchronized int port() {
        return device == null ? -1 : device.port();
    }

    synchronized void start(List<String> authorizedKeys) {
        if (device != null) return;
        String classpath = System.getProperty("java.class.path");
        try {
            device = VirtualDevice.start(new VirtualDeviceConfig(sandbox, PREFERRED_PORT, authorizedKeys, classpath));
        } catch (IOException busy) {
            try {
                device = VirtualDevice.start(new VirtualDeviceConfig(sandbox, 0, authorizedKeys, classpath));
            } catch (IOException e) {
                throw new DeviceGoneException("cannot start the virtual device in " + sandbox + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (device != null) {
            device.close();
            device = null;
        }
    }
}
