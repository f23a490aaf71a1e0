package dev.snapfusion.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fake executables for the benchmark_model tests: the 64-byte (or 52-byte) ELF header of the System V gABI with the
 * given class, type and machine, then some padding. Nothing in them runs; the host check and the virtual device's
 * emulation read only the header.
 */
final class TestElf {
    private TestElf() {
    }

    static Path write(Path file, int bits, int type, int machine) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (bits == 64 ? 2 : 1), 1, 1});
        b.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, b.array());
        return file;
    }
}
