package dev.snapfusion.link.virtual;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One ADB transport message (AOSP adb/protocol.txt): a 24-byte header of six little-endian u32
 * words (command, arg0, arg1, data length, data byte sum, command ^ 0xffffffff) followed by the data.
 */
record AdbPacket(int command, int arg0, int arg1, byte[] data) {
    static final int CNXN = 0x4e584e43;
    static final int AUTH = 0x48545541;
    static final int OPEN = 0x4e45504f;
    static final int OKAY = 0x59414b4f;
    static final int CLSE = 0x45534c43;
    static final int WRTE = 0x45545257;
    static final int SYNC = 0x434e5953;
    static final int STLS = 0x534c5453;

    static final int HEADER_SIZE = 24;
    /** Below this protocol version the data checksum is mandatory. */
    static final int VERSION_SKIP_CHECKSUM = 0x01000001;
    static final int VERSION_MIN = 0x01000000;

    static final int AUTH_TOKEN = 1;
    static final int AUTH_SIGNATURE = 2;
    static final int AUTH_RSAPUBLICKEY = 3;

    AdbPacket {
        data = data == null ? new byte[0] : data;
    }

    static AdbPacket of(int command, int arg0, int arg1, String text) {
        return new AdbPacket(command, arg0, arg1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The data as text without a trailing NUL, as OPEN and CNXN carry it. */
    String dataText() {
        int n = data.length;
        while (n > 0 && data[n - 1] == 0) n--;
        return new String(data, 0, n, StandardCharsets.UTF_8);
    }

    static int checksum(byte[] data, int off, int len) {
        int sum = 0;
        for (int i = off; i < off + len; i++) sum += data[i] & 0xff;
        return sum;
    }

    static String commandName(int command) {
        byte[] b = {(byte) command, (byte) (command >>> 8), (byte) (command >>> 16), (byte) (command >>> 24)};
        for (byte c : b) if (c < 0x20 || c > 0x7e) return String.format("0x%08x", command);
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdbPacket p && p.command == command && p.arg0 == arg0 && p.arg1 == arg1 && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * command + arg0) + arg1) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return commandName(command) + "(" + Integer.toHexString(arg0) + ", " + Integer.toHexString(arg1) + ", " + data.length + " bytes)";
    }
}
