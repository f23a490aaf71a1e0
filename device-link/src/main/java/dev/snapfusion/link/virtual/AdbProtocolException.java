package dev.snapfusion.link.virtual;

import java.io.IOException;

/** The peer broke the ADB, sync or shell protocol: the connection (or stream) that saw it is dropped. */
final class AdbProtocolException extends IOException {
    AdbProtocolException(String message) {
        super(message);
    }
}
