package dev.snapfusion.runner.noise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpyTest {
    /** Builds a .npy byte by byte the way numpy.save writes it (version 1.0, 64-byte aligned header). */
    static byte[] numpyBytes(String descr, String shape, float[] data, String fortran) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
        int len = dict.length() + 1;
        while ((10 + len) % 64 != 0) {
            len++;
        }
        StringBuilder h = new StringBuilder(dict);
        while (h.length() < len - 1) {
            h.append(' ');
        }
        h.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + len + data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) len);
        b.put(h.toString().getBytes(StandardCharsets.US_ASCII));
        for (float f : data) {
            b.putFloat(f);
        }
        return b.array();
    }

    @Test
    void read_numpyLayout_returnsDataAndShape(@TempDir Path dir) throws IOException {
        File f = dir.resolve("x.npy").toFile();
        Files.write(f.toPath(), numpyBytes("<f4", "(1, 2, 3)", new float[] {1, 2, 3, 4, 5, -6.5f}, "False"));
        assertThat(Npy.read(f, new int[] {1, 2, 3})).containsExactly(1, 2, 3, 4, 5, -6.5f);
        assertThat(Npy.read(f).shape()).containsExactly(1, 2, 3);
    }

    @Test
    void write_thenRead_roundTripsAndMatchesNumpyBytes(@TempDir Path dir) throws IOException {
        float[] data = PortableNoise.gaussian(5L, 4 * 8 * 8);
        File f = dir.resolve("latents.npy").toFile();
        Npy.write(f, data, new int[] {1, 4, 8, 8});
        assertThat(Npy.read(f, new int[] {1, 4, 8, 8})).containsExactly(data);
        assertThat(Files.readAllBytes(f.toPath())).isEqualTo(numpyBytes("<f4", "(1, 4, 8, 8)", data, "False"));
        assertThat(new File(f.getPath() + ".tmp")).doesNotExist();
    }

    @Test
    void write_oneDimensional_usesTupleComma(@TempDir Path dir) throws IOException {
        File f = dir.resolve("v.npy").toFile();
        Npy.write(f, new float[] {7, 8}, new int[] {2});
        assertThat(Files.readAllBytes(f.toPath())).isEqualTo(numpyBytes("<f4", "(2,)", new float[] {7, 8}, "False"));
        assertThat(Npy.read(f).shape()).containsExactly(2);
    }

    @Test
    void read_wrongDtype_namesFileAndDtype(@TempDir Path dir) throws IOException {
        File f = dir.resolve("d.npy").toFile();
        Files.write(f.toPath(), numpyBytes("<f8", "(1,)", new float[] {1, 2}, "False"));
        assertThatThrownBy(() -> Npy.read(f, null)).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("d.npy").hasMessageContaining("<f8");
    }

    @Test
    void read_fortranOrder_isRefused(@TempDir Path dir) throws IOException {
        File f = dir.resolve("F.npy").toFile();
        Files.write(f.toPath(), numpyBytes("<f4", "(2, 2)", new float[4], "True"));
        assertThatThrownBy(() -> Npy.read(f, null)).hasMessageContaining("F.npy").hasMessageContaining("C-order");
    }

    @Test
    void read_wrongShape_namesBothShapes(@TempDir Path dir) throws IOException {
        File f = dir.resolve("s.npy").toFile();
        Npy.write(f, new float[6], new int[] {2, 3});
        assertThatThrownBy(() -> Npy.read(f, new int[] {3, 2})).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("s.npy").hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
    }

    @Test
    void read_truncatedData_namesFile(@TempDir Path dir) throws IOException {
        File f = dir.resolve("t.npy").toFile();
        byte[] full = numpyBytes("<f4", "(4,)", new float[] {1, 2, 3, 4}, "False");
        Files.write(f.toPath(), Arrays.copyOf(full, full.length - 3));
        assertThatThrownBy(() -> Npy.read(f, new int[] {4})).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("t.npy").hasMessageContaining("truncated");
    }

    @Test
    void read_truncatedHeaderOrBadMagic_namesFile(@TempDir Path dir) throws IOException {
        File f = dir.resolve("h.npy").toFile();
        byte[] full = numpyBytes("<f4", "(4,)", new float[4], "False");
        Files.write(f.toPath(), Arrays.copyOf(full, 20));
        assertThatThrownBy(() -> Npy.read(f, null)).hasMessageContaining("h.npy").hasMessageContaining("truncated");
        File g = dir.resolve("g.npy").toFile();
        Files.writeString(g.toPath(), "hello world, not numpy");
        assertThatThrownBy(() -> Npy.read(g, null)).hasMessageContaining("g.npy").hasMessageContaining("magic");
    }

    @Test
    void write_shapeNotMatchingData_isRejected(@TempDir Path dir) {
        File f = dir.resolve("w.npy").toFile();
        assertThatThrownBy(() -> Npy.write(f, new float[5], new int[] {2, 3})).hasMessageContaining("[2, 3]");
    }
}
