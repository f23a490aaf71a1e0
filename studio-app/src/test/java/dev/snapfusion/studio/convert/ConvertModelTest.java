package dev.snapfusion.studio.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConvertModelTest {
    @Test
    void slug_sources_giveFolderNames() {
        assertThat(ConvertModel.slug("demo:snapfusion")).isEqualTo("demo-snapfusion");
        assertThat(ConvertModel.slug("/presets/My Preset.json")).isEqualTo("my-preset");
        assertThat(ConvertModel.slug("  ")).isEqualTo("bundle");
    }
}
