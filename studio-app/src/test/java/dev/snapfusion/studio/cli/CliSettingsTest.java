package dev.snapfusion.studio.cli;

import static dev.snapfusion.studio.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.bridge.source.TinyCheckpoints;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.studio.config.SettingsStore;
import dev.snapfusion.studio.config.StudioSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line uses what the workbench's Settings page saved in the workspace, unless an option says otherwise. */
class CliSettingsTest {
    @TempDir
    Path dir;

    @Test
    void convert_withoutQuant_takesTheSettingsQuantization_andQuantOverridesIt() throws Exception {
        Path ws = dir.resolve("ws");
        SettingsStore.in(ws).save(StudioSettings.DEFAULTS.withConvertQuantization(Quantization.FP16));
        Path source = dir.resolve("sd15");
        TinyCheckpoints.diffusers(Presets.builtIn("demo:sd15"), source, TinyCheckpoints.Options.F32);

        CliRun saved = run("--workspace", ws.toString(), "convert", "--source", source.toString(), "--out",
                dir.resolve("b16").toString(), "--no-image-parity");
        assertThat(saved.code()).as(saved.err()).isZero();
        assertThat(ManifestCodec.read(dir.resolve("b16").resolve(BundleManifest.FILE_NAME)).quantization()).isEqualTo("fp16");

        CliRun given = run("--workspace", ws.toString(), "convert", "--source", source.toString(), "--quant", "fp32", "--out",
                dir.resolve("b32").toString(), "--no-image-parity");
        assertThat(given.code()).as(given.err()).isZero();
        assertThat(ManifestCodec.read(dir.resolve("b32").resolve(BundleManifest.FILE_NAME)).quantization()).isEqualTo("fp32");
    }

    @Test
    void devices_savedAdbPathIsUsed_andNamedWhenItIsMissing() throws Exception {
        Path ws = dir.resolve("ws");
        Path missing = dir.resolve("no-such-sdk/platform-tools/adb");
        SettingsStore.in(ws).save(StudioSettings.DEFAULTS.withAdbPath(missing.toString()));
        // A port nobody listens on, so the studio has to start a server with the saved binary.
        CliRun r = run("--workspace", ws.toString(), "--adb-port", "5199", "devices");
        assertThat(r.code()).as(r.out() + r.err()).isNotZero();
        assertThat(r.out() + r.err()).contains(missing.toString());
    }

    @Test
    void servers_savedFirstThenGiven_eachOnce() {
        assertThat(StudioCli.servers(List.of("farm:5037", "lab:5037"), List.of("lab:5037", "tunnel:15037")))
                .containsExactly("farm:5037", "lab:5037", "tunnel:15037");
        assertThat(StudioCli.servers(List.of(), List.of())).isEmpty();
    }
}
