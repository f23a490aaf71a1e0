package dev.snapfusion.link.virtual;

import java.io.IOException;

/** What runs on one opened stream, on that stream's own thread. */
interface DeviceService {
    void serve(DeviceStream stream) throws IOException;
}
