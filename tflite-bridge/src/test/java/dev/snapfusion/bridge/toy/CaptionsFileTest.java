package dev.snapfusion.bridge.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionsFileTest {
    @TempDir
    Path dir;

    @Test
    void write_samples_readBackEveryField() throws Exception {
        List<CaptionsFile.Entry> written = ToySamples.write(dir, ToySplit.EVAL, 3, 4, 32);
        List<CaptionsFile.Entry> read = CaptionsFile.read(dir.resolve(CaptionsFile.NAME));
        assertThat(read).isEqualTo(written);
        assertThat(read.get(0)).isEqualTo(new CaptionsFile.Entry("eval-000003.png", ToyWorld.EVAL_CAPTIONS.get(3).text(), "ground-truth",
                ToySplit.EVAL, 3, 7, 32));
        for (CaptionsFile.Entry e : read) assertThat(dir.resolve(e.file())).isRegularFile();
    }

    @Test
    void read_minimalLinesWithVariant_optionalFieldsEmpty() throws Exception {
        Path f = dir.resolve(CaptionsFile.NAME);
        Files.writeString(f, "{\"file\":\"a.png\",\"caption\":\"x\",\"variant\":\"sd15\"}\n\n");
        assertThat(CaptionsFile.read(f)).containsExactly(new CaptionsFile.Entry("a.png", "x", "sd15", null, -1, -1, -1));
    }

    @Test
    void read_lineWithoutCaption_namesFileAndLine() throws Exception {
        Path f = dir.resolve(CaptionsFile.NAME);
        Files.writeString(f, "{\"file\":\"a.png\",\"caption\":\"x\"}\n{\"file\":\"b.png\"}\n");
        assertThatThrownBy(() -> CaptionsFile.read(f)).isInstanceOf(CaptionsFormatException.class)
                .hasMessageContaining(f + " line 2").hasMessageContaining("'caption'");
    }

    @Test
    void read_notJson_namesFileAndLine() throws Exception {
        Path f = dir.resolve(CaptionsFile.NAME);
        Files.writeString(f, "not json\n");
        assertThatThrownBy(() -> CaptionsFile.read(f)).isInstanceOf(CaptionsFormatException.class)
                .hasMessageContaining(f + " line 1 is not JSON");
    }
}
