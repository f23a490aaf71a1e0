package dev.snapfusion.studio.config;

/**
 * Checks the address of another adb server ("host:port", an ssh tunnel in practice) as a person typed it, so a typo is
 * refused with the text in the message before the device link ever sees it.
 */
public final class RemoteServers {
    private static final String EXAMPLE = "type host:port, e.g. 127.0.0.1:5038 for an ssh tunnel to another machine's "
            + "adb server";

    private RemoteServers() {
    }

    /** The trimmed address; IllegalArgumentException naming {@code text} when it is not host:port with a port 1–65535. */
    public static String check(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) throw new IllegalArgumentException("“" + s + "” is not an adb server address: it is empty; " + EXAMPLE + ".");
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("“" + s + "” is not an adb server address: it has no port; " + EXAMPLE + ".");
        }
        String host = s.substring(0, colon);
        String port = s.substring(colon + 1);
        if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("“" + s + "” is not an adb server address: “" + host + "” is not a host name; "
                    + EXAMPLE + ".");
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("“" + s + "” is not an adb server address: the port “" + port
                    + "” is not a number from 1 to 65535; " + EXAMPLE + ".");
        }
        return s;
    }
}
