package dev.snapfusion.studio.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.studio.config.StudioSettings;
import dev.snapfusion.studio.config.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Settings page's fields as typed, to settings: every bad field is named with its text. */
class SettingsModelTest {
    @TempDir
    Path tmp;

    @Test
    void parse_goodFields_giveTheSettings() throws Exception {
        Path adb = Files.createFile(tmp.resolve("adb"));
        adb.toFile().setExecutable(true);
        StudioSettings s = SettingsModel.parse(" " + adb + " ", "10.0.0.5:5037\n\n 127.0.0.1:5038 , 10.0.0.5:5037", " 2 ",
                Theme.DARK, Quantization.FP16);
        assertThat(s).isEqualTo(new StudioSettings(adb.toString(), List.of("10.0.0.5:5037", "127.0.0.1:5038"), 2,
                Theme.DARK, Quantization.FP16));
    }

    @Test
    void parse_emptyFields_meanAutoDetectAndTheDevicesDefault() {
        StudioSettings s = SettingsModel.parse("", "", "", Theme.LIGHT, Quantization.FP32);
        assertThat(s).isEqualTo(StudioSettings.DEFAULTS);
    }

    @Test
    void checkThreads_notAWholeNumberOrOutOfRange_namesTheText() {
        assertThatThrownBy(() -> SettingsModel.checkThreads("four")).hasMessageStartingWith("Runner threads “four” is not a whole number");
        assertThatThrownBy(() -> SettingsModel.checkThreads("0")).hasMessageStartingWith("Runner threads “0” is not from 1 to 64");
        assertThatThrownBy(() -> SettingsModel.checkThreads("999")).hasMessageStartingWith("Runner threads “999”");
    }

    @Test
    void checkServers_oneBadLine_namesThatLine() {
        assertThatThrownBy(() -> SettingsModel.checkServers("10.0.0.5:5037\nlocalhost"))
                .hasMessageStartingWith("Remote adb servers: “localhost” is not an adb server address");
        assertThatThrownBy(() -> SettingsModel.checkServers("host:99999")).hasMessageContaining("“host:99999”");
    }

    @Test
    void checkAdb_missingOrNotAProgram_namesThePath() throws Exception {
        assertThatThrownBy(() -> SettingsModel.checkAdb(tmp.resolve("nope/adb").toString()))
                .hasMessage("adb “" + tmp.resolve("nope/adb") + "” does not exist; leave it empty to find adb on PATH or in the "
                        + "Android SDK");
        assertThatThrownBy(() -> SettingsModel.checkAdb(tmp.toString())).hasMessageContaining("“" + tmp + "” is not an executable file");
    }
}
