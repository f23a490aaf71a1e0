package dev.snapfusion.studio.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileTest {
    @TempDir
    Path dir;

    @Test
    void save_thenLoad_givesTheValuesBackAndLeavesNoTemporaryFile() throws Exception {
        PropertiesFile f = new PropertiesFile(dir.resolve("settings/a.properties"));
        Properties p = new Properties();
        p.setProperty("theme", "dark");
        p.setProperty("servers", "host-a:5037,host-b:5037");
        f.save(p, "test");
        assertThat(new PropertiesFile(f.path()).load()).isEqualTo(p);
        try (var files = Files.list(f.path().getParent())) {
            assertThat(files.map(x -> x.getFileName().toString())).containsExactly("a.properties");
        }
    }

    @Test
    void load_missingOrMalformedFile_isEmpty() throws Exception {
        assertThat(new PropertiesFile(dir.resolve("none.properties")).load()).isEmpty();
        Path bad = Files.writeString(dir.resolve("bad.properties"), "key=\\u12G4\n");   // a broken unicode escape
        assertThat(new PropertiesFile(bad).load()).isEmpty();
    }

    @Test
    void save_whereNoFolderCanBeMade_isLoggedNotThrown() throws Exception {
        Path blocker = Files.writeString(dir.resolve("settings"), "a file where the folder should be");
        PropertiesFile f = new PropertiesFile(blocker.resolve("a.properties"));
        Properties p = new Properties();
        p.setProperty("k", "v");
        assertThatCode(() -> f.save(p, "test")).doesNotThrowAnyException();
        assertThat(Files.readString(blocker)).isEqualTo("a file where the folder should be");
    }
}
