package dev.snapfusion.studio.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.studio.common.StudioError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path ws;

    private final Logger log = Logger.getLogger(SettingsStore.class.getName());
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) warnings.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        log.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(handler);
    }

    private static final StudioSettings CHANGED = new StudioSettings("/opt/android/platform-tools/adb",
            List.of("10.0.0.5:5037", "farm.example:5038"), 3, Theme.DARK, Quantization.INT8_WEIGHT);

    @Test
    void save_thenLoadWithANewStore_roundTripsEveryKey() {
        SettingsStore.in(ws).save(CHANGED);

        assertThat(ws.resolve("settings/studio.properties")).isRegularFile();
        assertThat(SettingsStore.in(ws).load()).isEqualTo(CHANGED);
    }

    @Test
    void load_missingFile_givesTheDefaultsWithoutWarning() {
        assertThat(SettingsStore.in(ws).load()).isEqualTo(StudioSettings.DEFAULTS);
        assertThat(warnings).isEmpty();
    }

    @Test
    void load_corruptFile_keepsTheDefaultsAndWarnsNamingTheFile() throws Exception {
        Path file = ws.resolve("settings/studio.properties");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3, 0x28, '\n'});

        assertThat(SettingsStore.in(ws).load()).isEqualTo(StudioSettings.DEFAULTS);
        assertThat(warnings).singleElement().asString().contains(file.toString(), "using the defaults");

        warnings.clear();
        Files.writeString(file, "ui.theme=dark\nadb.path=\\uZZZZ\n", StandardCharsets.UTF_8);   // a malformed escape
        assertThat(SettingsStore.in(ws).load()).isEqualTo(StudioSettings.DEFAULTS);
        assertThat(warnings).singleElement().asString().contains(file.toString());
    }

    @Test
    void load_badValues_keepsEachDefaultAndNamesKeyAndText() throws Exception {
        Path file = ws.resolve("settings/studio.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", "runner.threads=abc", "ui.theme=purple", "convert.quantization=int4",
                "adb.remote-servers=localhost,10.0.0.5:5037,host:99999,,10.0.0.5:5037", "adb.path=/usr/bin/adb", ""));

        StudioSettings s = SettingsStore.in(ws).load();

        assertThat(s.remoteServers()).containsExactly("10.0.0.5:5037");
        assertThat(s.adbPath()).isEqualTo("/usr/bin/adb");
        assertThat(s.runnerThreads()).isZero();
        assertThat(s.theme()).isEqualTo(Theme.LIGHT);
        assertThat(s.convertQuantization()).isEqualTo(Quantization.FP32);
        assertThat(String.join("\n", warnings)).contains("runner.threads=“abc”", "ui.theme=“purple”",
                "convert.quantization=“int4”", "“localhost”", "“host:99999”");
    }

    @Test
    void save_overAnOldFile_replacesItWholeAndLeavesNoTemporaryFile() throws Exception {
        SettingsStore store = SettingsStore.in(ws);
        store.save(CHANGED);
        store.save(StudioSettings.DEFAULTS.withRemoteServer("127.0.0.1:5038"));

        try (Stream<Path> files = Files.list(ws.resolve("settings"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("studio.properties");
        }
        assertThat(Files.readString(ws.resolve("settings/studio.properties"))).doesNotContain("farm.example", "dark");
        assertThat(store.load()).isEqualTo(StudioSettings.DEFAULTS.withRemoteServer("127.0.0.1:5038"));
    }

    @Test
    void save_moveIntoPlaceFails_throwsNamingTheFileAndLeavesNoPartialFile() throws Exception {
        // A non-empty folder where the file should go: the temporary file is written, the move fails.
        Path file = ws.resolve("settings/studio.properties");
        Files.createDirectories(file.resolve("in-the-way"));

        assertThatThrownBy(() -> SettingsStore.in(ws).save(CHANGED))
                .isInstanceOf(StudioError.class)
                .hasMessageContaining("Cannot save the settings to " + file);
        try (Stream<Path> files = Files.list(ws.resolve("settings"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("studio.properties");
        }
        assertThat(file).isDirectory();
    }

    @Test
    void check_notHostPort_refusedWithTheTextInTheMessage() {
        assertThatThrownBy(() -> RemoteServers.check("localhost")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("“localhost” is not an adb server address: it has no port").hasMessageContaining("host:port");
        assertThatThrownBy(() -> RemoteServers.check("host:99999")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("“host:99999” is not an adb server address: the port “99999” is not a number from 1 to 65535");
        assertThatThrownBy(() -> RemoteServers.check("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("“” is not an adb server address: it is empty");
        assertThatThrownBy(() -> RemoteServers.check(":5037")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("“:5037”");
        assertThatThrownBy(() -> RemoteServers.check("farm host:5037")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("“farm host” is not a host name");
    }

    @Test
    void check_hostPort_returnsItTrimmed() {
        assertThat(RemoteServers.check("  10.0.0.5:5037 \n")).isEqualTo("10.0.0.5:5037");
        assertThat(RemoteServers.check("farm.example:1")).isEqualTo("farm.example:1");
        assertThat(RemoteServers.check("farm.example:65535")).isEqualTo("farm.example:65535");
    }

    @Test
    void settings_threadsOutOfRange_refusedNamingTheNumber() {
        assertThatThrownBy(() -> StudioSettings.DEFAULTS.withRunnerThreads(65)).hasMessageContaining("65");
        assertThatThrownBy(() -> StudioSettings.DEFAULTS.withRunnerThreads(-1)).hasMessageContaining("-1");
    }

    @Test
    void linkDiffers_onlyForAdbOrServers() {
        StudioSettings d = StudioSettings.DEFAULTS;
        assertThat(d.linkDiffers(d.withTheme(Theme.DARK).withRunnerThreads(2))).isFalse();
        assertThat(d.linkDiffers(d.withRemoteServer("a:1"))).isTrue();
        assertThat(d.linkDiffers(d.withAdbPath("/usr/bin/adb"))).isTrue();
    }
}
