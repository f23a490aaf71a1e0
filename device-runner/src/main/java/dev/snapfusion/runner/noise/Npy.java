package dev.snapfusion.runner.noise;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files holding float32 little-endian C-order arrays, so latents and images can
 * be exchanged with Python references. Format: numpy.lib.format (magic, version, header length, Python-dict header).
 * Stateless and thread-safe.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** A float32 array and its shape. */
    public record Array(int[] shape, float[] data) {
    }

    /**
     * Reads {@code file} and checks its shape.
     *
     * @param expectedShape the required shape, or null to accept any
     * @throws NpyFormatException on a wrong magic, dtype, order, shape or a truncated file (the message names the file)
     */
    public static float[] read(File file, int[] expectedShape) throws IOException {
        Array a = read(file);
        if (expectedShape != null && !Arrays.equals(a.shape(), expectedShape)) {
            throw new NpyFormatException(file + ": shape " + Arrays.toString(a.shape()) + ", expected "
                    + Arrays.toString(expectedShape));
        }
        return a.data();
    }

    /** Reads {@code file} with whatever shape it has. */
    public static Array read(File file) throws IOException {
        try (InputStream raw = Files.newInputStream(file.toPath());
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            byte[] magic = new byte[6];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new NpyFormatException(file + ": not a .npy file (bad magic)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            long headerLen;
            if (major == 1) {
                headerLen = in.readUnsignedByte() | (in.readUnsignedByte() << 8);
            } else if (major == 2 || major == 3) {
                headerLen = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            } else {
                throw new NpyFormatException(file + ": unsupported .npy version " + major);
            }
            if (headerLen > 1 << 20) {
                throw new NpyFormatException(file + ": header length " + headerLen + " is implausible");
            }
            byte[] header = new byte[(int) headerLen];
            in.readFully(header);
            int[] shape = parseHeader(file, new String(header, StandardCharsets.ISO_8859_1));
            long count = 1;
            for (int d : shape) {
                count *= d;
            }
            if (count > Integer.MAX_VALUE) {
                throw new NpyFormatException(file + ": " + count + " elements do not fit one Java array");
            }
            byte[] bytes = new byte[(int) count * 4];
            int got = readFully(in, bytes);
            if (got < bytes.length) {
                throw new NpyFormatException(file + ": truncated, expected " + bytes.length + " data bytes for shape "
                        + Arrays.toString(shape) + ", found " + got);
            }
            float[] data = new float[(int) count];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            return new Array(shape, data);
        } catch (EOFException e) {
            throw new NpyFormatException(file + ": truncated header");
        }
    }

    /** Writes a version-1.0 .npy via a temporary file and an atomic rename. */
    public static void write(File file, float[] data, int[] shape) throws IOException {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count
                    + " values but data has " + data.length);
        }
        byte[] header = header(shape);
        ByteBuffer body = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(data);
        File tmp = new File(file.getPath() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp.toPath())) {
            out.write(MAGIC);
            out.write(new byte[] {1, 0, (byte) header.length, (byte) (header.length >>> 8)});
            out.write(header);
            out.write(body.array());
        }
        Files.move(tmp.toPath(), file.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The dict padded with spaces and a newline so that data starts on a 64-byte boundary, as numpy writes it. */
    private static byte[] header(int[] shape) {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        if (shape.length == 1) {
            dims.append(',');
        }
        StringBuilder h = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }");
        int total = MAGIC.length + 4 + h.length() + 1;
        int pad = (64 - total % 64) % 64;
        for (int i = 0; i < pad; i++) {
            h.append(' ');
        }
        h.append('\n');
        return h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    // InputStream.readNBytes is Java 9+ and missing on Android API 26.
    private static int readFully(InputStream in, byte[] buf) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) {
                break;
            }
            off += n;
        }
        return off;
    }

    private static int[] parseHeader(File file, String header) throws NpyFormatException {
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            throw new NpyFormatException(file + ": header has no 'descr': " + header.trim());
        }
        String dtype = descr.group(1);
        if (!dtype.equals("<f4")) {
            throw new NpyFormatException(file + ": dtype " + dtype + ", expected <f4 (float32 little-endian)");
        }
        Matcher fortran = FORTRAN.matcher(header);
        if (!fortran.find() || !fortran.group(1).equals("False")) {
            throw new NpyFormatException(file + ": array must be C-order (fortran_order False)");
        }
        Matcher shape = SHAPE.matcher(header);
        if (!shape.find()) {
            throw new NpyFormatException(file + ": header has no 'shape': " + header.trim());
        }
        List<Integer> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims.add(Integer.parseInt(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
            } catch (NumberFormatException e) {
                throw new NpyFormatException(file + ": bad shape entry '" + p + "'");
            }
        }
        int[] out = new int[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i);
        }
        return out;
    }
}
