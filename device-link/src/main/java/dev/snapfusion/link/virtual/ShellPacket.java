package dev.snapfusion.link.virtual;

import java.util.Arrays;

/**
 * One shell protocol v2 packet (AOSP adb/shell_protocol.h): an id byte, a little-endian u32 length, then the data.
 * Ids: 0 stdin, 1 stdout, 2 stderr, 3 exit (one byte: the exit code), 4 close stdin, 5 window size.
 */
record ShellPacket(int id, byte[] data) {
    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int EXIT = 3;
    static final int CLOSE_STDIN = 4;
    static final int WINDOW_SIZE = 5;
    static final int HEADER_SIZE = 5;

    ShellPacket {
        data = data == null ? new byte[0] : data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShellPacket p && p.id == id && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ShellPacket(" + id + ", " + data.length + " bytes)";
    }
}
