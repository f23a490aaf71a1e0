package dev.snapfusion.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The identity part of an ELF file header (System V gABI, "ELF Header"): class, byte order, type and machine. It lives
 * here, beside {@link Abi}, because the host's check of a user's native tool and the virtual device's emulation of it
 * must read it the same way, and this module is all they share. Immutable.
 *
 * <pre>
 *  0  7f 'E' 'L' 'F'   e_ident magic
 *  4  u8 class         1 = 32-bit, 2 = 64-bit
 *  5  u8 data          1 = little-endian, 2 = big-endian
 * 16  u16 e_type       1 REL, 2 EXEC, 3 DYN (PIE executables and shared objects), 4 CORE
 * 18  u16 e_machine    3 x86, 40 ARM, 62 x86-64, 183 AArch64
 * </pre>
 *
 * @param bits 32 or 64
 */
public record ElfHeader(int bits, boolean littleEndian, int type, int machine) {
    public static final int EM_386 = 3;
    public static final int EM_ARM = 40;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int ET_CORE = 4;
    /** Bytes this reader needs: e_ident (16), e_type and e_machine. */
    public static final int LENGTH = 20;

    /** The header of {@code file}, or empty when it is shorter than a header or lacks the magic or a valid class or byte order. */
    public static Optional<ElfHeader> read(Path file) throws IOException {
        byte[] head = new byte[LENGTH];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, LENGTH);
        }
        return n < LENGTH ? Optional.empty() : parse(head);
    }

    /** Parses the first {@link #LENGTH} bytes of a file; empty when they are not an ELF header. */
    public static Optional<ElfHeader> parse(byte[] head) {
        if (head.length < LENGTH || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') return Optional.empty();
        int cls = head[4];
        int data = head[5];
        if ((cls != 1 && cls != 2) || (data != 1 && data != 2)) return Optional.empty();
        ByteBuffer b = ByteBuffer.wrap(head).order(data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        return Optional.of(new ElfHeader(cls == 1 ? 32 : 64, data == 1, b.getShort(16) & 0xffff, b.getShort(18) & 0xffff));
    }

    /** Whether the kernel can start it: a fixed-address executable or a PIE (which shares ET_DYN with shared objects). */
    public boolean executable() {
        return type == ET_EXEC || type == ET_DYN;
    }

    /** The Android ABI this file is built for; empty for a machine no Android ABI uses, or a big-endian file. */
    public Optional<String> abi() {
        return littleEndian ? Abi.ofElf(machine, bits) : Optional.empty();
    }

    /** "64-bit ELF executable for arm64-v8a (e_machine 183)", for messages. */
    public String describe() {
        String kind = switch (type) {
            case ET_REL -> "relocatable object";
            case ET_EXEC, ET_DYN -> "executable";
            case ET_CORE -> "core dump";
            default -> "file of type " + type;
        };
        String target = abi().map(a -> "for " + a).orElse(littleEndian ? "for no Android ABI" : "for a big-endian machine");
        return bits + "-bit ELF " + kind + " " + target + " (e_machine " + machine + ")";
    }
}
