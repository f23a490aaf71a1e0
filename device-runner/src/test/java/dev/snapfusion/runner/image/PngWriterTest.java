package dev.snapfusion.runner.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Desktop-only test: javax.imageio decodes what the Android-safe writer produced. */
class PngWriterTest {
    private static void assertPixelsEqual(BufferedImage img, int w, int h, byte[] rgb) {
        assertThat(img.getWidth()).isEqualTo(w);
        assertThat(img.getHeight()).isEqualTo(h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                int i = (y * w + x) * 3;
                assertThat((p >>> 16) & 0xFF).as("R at %d,%d", x, y).isEqualTo(rgb[i] & 0xFF);
                assertThat((p >>> 8) & 0xFF).as("G at %d,%d", x, y).isEqualTo(rgb[i + 1] & 0xFF);
                assertThat(p & 0xFF).as("B at %d,%d", x, y).isEqualTo(rgb[i + 2] & 0xFF);
            }
        }
    }

    @Test
    void encodeRgb_randomImage_decodesToSamePixels() throws IOException {
        int w = 37;
        int h = 23;
        byte[] rgb = new byte[w * h * 3];
        new Random(7).nextBytes(rgb);
        byte[] png = PngWriter.encodeRgb(w, h, rgb);
        assertPixelsEqual(ImageIO.read(new ByteArrayInputStream(png)), w, h, rgb);
    }

    @Test
    void encodeRgb_layout_hasSignatureIhdrAndValidCrcs() {
        byte[] png = PngWriter.encodeRgb(2, 1, new byte[] {1, 2, 3, 4, 5, 6});
        assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        assertThat(new String(png, 12, 4)).isEqualTo("IHDR");
        assertThat(Arrays.copyOfRange(png, 16, 29)).containsExactly(0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0);
        int pos = 8;
        StringBuilder types = new StringBuilder();
        while (pos < png.length) {
            int len = ((png[pos] & 0xFF) << 24) | ((png[pos + 1] & 0xFF) << 16) | ((png[pos + 2] & 0xFF) << 8)
                    | (png[pos + 3] & 0xFF);
            CRC32 crc = new CRC32();
            crc.update(png, pos + 4, 4 + len);
            int at = pos + 8 + len;
            long stored = ((long) (png[at] & 0xFF) << 24) | ((png[at + 1] & 0xFF) << 16) | ((png[at + 2] & 0xFF) << 8)
                    | (png[at + 3] & 0xFF);
            assertThat(stored).isEqualTo(crc.getValue());
            types.append(new String(png, pos + 4, 4)).append(' ');
            pos = at + 4;
        }
        assertThat(pos).isEqualTo(png.length);
        assertThat(types.toString().trim()).isEqualTo("IHDR IDAT IEND");
    }

    @Test
    void write_file_isReadableAndLeavesNoTemp(@TempDir Path dir) throws IOException {
        byte[] rgb = new byte[4 * 3 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
        }
        File f = dir.resolve("out.png").toFile();
        PngWriter.write(f, 4, 3, rgb);
        assertPixelsEqual(ImageIO.read(f), 4, 3, rgb);
        assertThat(new File(f.getPath() + ".tmp")).doesNotExist();
        assertThat(Files.list(dir)).hasSize(1);
    }

    @Test
    void imageToRgb_mapsMinusOneToOneOntoBytesWithClampAndHalfEvenRounding() {
        // -1 -> 0, 1 -> 255, 0 -> 127.5 -> 128 (half to even), beyond range clamps, NaN -> 0
        float[] nhwc = {-1f, 1f, 0f, -3f, 2.5f, Float.NaN};
        byte[] rgb = PngWriter.imageToRgb(nhwc, 1, 2);
        int[] got = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            got[i] = rgb[i] & 0xFF;
        }
        assertThat(got).containsExactly(0, 255, 128, 0, 255, 0);
        // x = 2 * (k / 255) - 1 maps back to exactly k for every byte value
        float[] ramp = new float[255 * 3];
        for (int k = 0; k < 255 * 3; k++) {
            ramp[k] = 2f * ((k % 256) / 255f) - 1f;
        }
        byte[] back = PngWriter.imageToRgb(ramp, 1, 255);
        for (int k = 0; k < ramp.length; k++) {
            assertThat(back[k] & 0xFF).isEqualTo(k % 256);
        }
    }

    @Test
    void imageToRgb_wrongLength_isRejected() {
        assertThatThrownBy(() -> PngWriter.imageToRgb(new float[10], 2, 2)).hasMessageContaining("2x2x3");
    }

    @Test
    void encodeRgb_wrongLength_isRejected() {
        assertThatThrownBy(() -> PngWriter.encodeRgb(2, 2, new byte[11])).hasMessageContaining("12");
    }
}
