package dev.snapfusion.link;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Child JVM of {@link DeviceLinkShutdownAdbTest}: connects the virtual device through the given adb server, says
 * READY and waits to be killed, never closing the link.
 * Arguments: workspace, adb server port, adb binary, the server's android user dir.
 */
public final class HoldVirtualDeviceMain {
    private HoldVirtualDeviceMain() {
    }

    public static void main(String[] args) throws Exception {
        DeviceLink link = DeviceLink.open(new LinkOptions(Path.of(args[0]), Integer.parseInt(args[1]),
                Optional.of(Path.of(args[2])), List.of(), Path.of(args[3])));
        link.connect(DeviceLink.VIRTUAL_SERIAL);
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
