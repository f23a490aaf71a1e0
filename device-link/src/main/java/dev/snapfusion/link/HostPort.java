package dev.snapfusion.link;

/** "host:port" of a remote adb server, checked so a typo is reported with the bad text. */
record HostPort(String host, int port) {
    static HostPort parse(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("adb server '" + s + "' must be host:port, e.g. 127.0.0.1:5037");
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 1 || port > 65535) throw new NumberFormatException();
            return new HostPort(s.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("adb server '" + s + "' has a bad port; use host:port, e.g. 127.0.0.1:5037");
        }
    }
}
