package dev.snapfusion.link;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Talks host services to one adb server over its smart socket. One socket per request, as the adb CLI
 * does; thread-safe. Device streams themselves go through dadb's {@code AdbServer.createDadb}.
 */
final class AdbServerClient {
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 10_000;

    private final String host;
    private final int port;

    AdbServerClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** "host:port", the key of this server in {@link DeviceInfo#server()}. */
    String address() {
        return host + ":" + port;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    boolean reachable() {
        try {
            version();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int version() throws IOException {
        return Integer.parseInt(request("host:version").trim(), 16);
    }

    List<ServerDevice> devicesLong() throws IOException {
        return SmartSocketCodec.parseDevicesLong(request("host:devices-l"));
    }

    /** host:connect: the server's answer ("connected to ...", "failed to authenticate to ..."). */
    String connect(String hostPort) throws IOException {
        return request("host:connect:" + hostPort);
    }

    String disconnect(String hostPort) throws IOException {
        return request("host:disconnect:" + hostPort);
    }

    /**
     * Watches host:track-devices until {@code serial} is in {@code wanted} state or the timeout passes.
     * The first update is the current list, so a device already there returns at once.
     *
     * @return the last state seen for the serial, or "" if it never appeared
     */
    String awaitState(String serial, String wanted, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        try (Socket s = openTrack()) {
            InputStream in = s.getInputStream();
            while (true) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) return last;
                s.setSoTimeout((int) Math.max(1, leftMs));
                String payload;
                try {
                    payload = SmartSocketCodec.readLengthPrefixed(in);
                } catch (SocketTimeoutException e) {
                    return last;
                }
                last = "";
                for (ServerDevice d : SmartSocketCodec.parseDevices(payload)) {
                    if (d.serial().equals(serial)) last = d.state();
                }
                if (last.equals(wanted)) return last;
            }
        }
    }

    /**
     * Opens host:track-devices; the caller reads one length-prefixed list per change from the socket
     * (no read timeout) and closes it to stop.
     */
    Socket openTrack() throws IOException {
        Socket s = open();
        try {
            s.getOutputStream().write(SmartSocketCodec.request("host:track-devices"));
            SmartSocketCodec.readStatus(s.getInputStream(), "host:track-devices");
            s.setSoTimeout(0);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private String request(String service) throws IOException {
        try (Socket s = open()) {
            s.getOutputStream().write(SmartSocketCodec.request(service));
            InputStream in = s.getInputStream();
            SmartSocketCodec.readStatus(in, service);
            return SmartSocketCodec.readLengthPrefixed(in);
        }
    }

    private Socket open() throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(READ_TIMEOUT_MS);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }
}
