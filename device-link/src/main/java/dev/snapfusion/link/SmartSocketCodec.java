package dev.snapfusion.link;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The adb server's "smart socket" framing (AOSP adb/protocol.txt, "host services"): a request is
 * 4 hex digits of length then the service name; the reply is OKAY, or FAIL followed by a
 * length-prefixed message. Payloads of host:devices, host:devices-l and every host:track-devices update
 * are length-prefixed the same way. Stateless; thread-safe.
 */
final class SmartSocketCodec {
    /** Keys of {@code host:devices-l} that end the (possibly multi-word) state field. */
    private static final Set<String> LONG_KEYS = Set.of("usb", "product", "model", "device", "transport_id", "features");

    private SmartSocketCodec() {
    }

    static byte[] request(String service) {
        byte[] body = service.getBytes(StandardCharsets.UTF_8);
        if (body.length > 0xffff) throw new IllegalArgumentException("adb service name too long: " + body.length);
        byte[] out = new byte[4 + body.length];
        System.arraycopy(hex4(body.length), 0, out, 0, 4);
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    static byte[] hex4(int length) {
        return String.format(Locale.ROOT, "%04x", length).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads OKAY, or throws with the server's FAIL message. */
    static void readStatus(InputStream in, String service) throws IOException {
        String status = new String(readExactly(in, 4), StandardCharsets.US_ASCII);
        if (status.equals("OKAY")) return;
        if (status.equals("FAIL")) throw new ServerRefusedException(service, readLengthPrefixed(in));
        throw new IOException("adb server sent '" + status + "' instead of OKAY/FAIL to " + service);
    }

    static String readLengthPrefixed(InputStream in) throws IOException {
        String hex = new String(readExactly(in, 4), StandardCharsets.US_ASCII);
        int len;
        try {
            len = Integer.parseInt(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("adb server sent a bad length prefix '" + hex + "'", e);
        }
        return new String(readExactly(in, len), StandardCharsets.UTF_8);
    }

    static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) throw new EOFException("adb server closed the socket after " + b.length + " of " + n + " bytes");
        return b;
    }

    /** Parses a host:devices / host:track-devices payload: lines of "serial\tstate". */
    static List<ServerDevice> parseDevices(String payload) {
        List<ServerDevice> out = new ArrayList<>();
        for (String line : payload.split("\n")) {
            if (line.isBlank()) continue;
            int tab = line.indexOf('\t');
            if (tab < 0) throw new IllegalArgumentException("adb device line has no tab: '" + line + "'");
            out.add(new ServerDevice(line.substring(0, tab), line.substring(tab + 1).trim(), Map.of()));
        }
        return out;
    }

    /**
     * Parses a host:devices-l payload: "serial  state key:value ...". The state may have several words
     * ("no permissions (...)"), so it runs until the first known key.
     */
    static List<ServerDevice> parseDevicesLong(String payload) {
        List<ServerDevice> out = new ArrayList<>();
        for (String line : payload.split("\n")) {
            if (line.isBlank()) continue;
            String[] words = line.trim().split("\\s+");
            StringBuilder state = new StringBuilder();
            Map<String, String> props = new LinkedHashMap<>();
            for (int i = 1; i < words.length; i++) {
                int colon = words[i].indexOf(':');
                if (colon > 0 && LONG_KEYS.contains(words[i].substring(0, colon))) {
                    props.put(words[i].substring(0, colon), words[i].substring(colon + 1));
                } else if (props.isEmpty()) {
                    if (state.length() > 0) state.append(' ');
                    state.append(words[i]);
                }
            }
            out.add(new ServerDevice(words[0], state.toString(), props));
        }
        return out;
    }
}
