package dev.snapfusion.link;

import java.io.IOException;

/** The adb server answered FAIL; the message is the server's own text ("device 'x' not found"). */
final class ServerRefusedException extends IOException {
    private final String reason;

    ServerRefusedException(String service, String reason) {
        super(service + ": " + reason);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
