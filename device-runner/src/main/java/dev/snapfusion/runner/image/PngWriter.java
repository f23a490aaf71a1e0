package dev.snapfusion.runner.image;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Minimal PNG encoder (8-bit truecolour, no interlace, filter type 0 on every row) built only on java.util.zip, so
 * it runs on ART where javax.imageio and AWT do not exist. Layout per the PNG spec (ISO/IEC 15948): signature,
 * IHDR, one IDAT with the zlib stream, IEND; each chunk is length, type, data, CRC-32 over type and data.
 * Stateless and thread-safe.
 */
public final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngWriter() {
    }

    /** PNG bytes for a {@code width} x {@code height} image given as interleaved RGB, row-major, 3 bytes per pixel. */
    public static byte[] encodeRgb(int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        long expected = 3L * width * height;
        if (rgb.length != expected) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB image needs " + expected
                    + " bytes, got " + rgb.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SIGNATURE, 0, SIGNATURE.length);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8;   // bit depth
        ihdr[9] = 2;   // colour type: truecolour
        // compression 0, filter method 0, interlace 0
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", deflateRows(width, height, rgb));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** Writes the PNG to {@code file} through a temporary sibling and a rename, so readers never see half a file. */
    public static void write(File file, int width, int height, byte[] rgb) throws IOException {
        byte[] png = encodeRgb(width, height, rgb);
        File tmp = new File(file.getPath() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp.toPath())) {
            os.write(png);
        }
        Files.move(tmp.toPath(), file.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Converts a decoder output (NHWC, batch 1, 3 channels, values in [-1, 1]) to RGB bytes the way diffusers does:
     * clamp(x / 2 + 0.5, 0, 1), times 255, rounded half to even (numpy {@code round}). NaN becomes 0.
     */
    public static byte[] imageToRgb(float[] nhwc, int h, int w) {
        if ((long) h * w * 3 != nhwc.length) {
            throw new IllegalArgumentException("expected " + h + "x" + w + "x3 = " + (3L * h * w)
                    + " values, got " + nhwc.length);
        }
        byte[] rgb = new byte[nhwc.length];
        for (int i = 0; i < nhwc.length; i++) {
            float v = nhwc[i] / 2f + 0.5f;
            if (!(v > 0f)) {
                v = 0f;            // also catches NaN
            } else if (v > 1f) {
                v = 1f;
            }
            rgb[i] = (byte) (int) Math.rint(v * 255f);
        }
        return rgb;
    }

    private static byte[] deflateRows(int width, int height, byte[] rgb) {
        int stride = width * 3;
        byte[] raw = new byte[(stride + 1) * height];
        for (int y = 0; y < height; y++) {
            // filter byte 0 (None) starts every scanline
            System.arraycopy(rgb, y * stride, raw, y * (stride + 1) + 1, stride);
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] buf = new byte[64 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] head = new byte[8];
        putInt(head, 0, data.length);
        for (int i = 0; i < 4; i++) {
            head[4 + i] = (byte) type.charAt(i);
        }
        CRC32 crc = new CRC32();
        crc.update(head, 4, 4);
        crc.update(data, 0, data.length);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.write(head, 0, 8);
        out.write(data, 0, data.length);
        out.write(tail, 0, 4);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
