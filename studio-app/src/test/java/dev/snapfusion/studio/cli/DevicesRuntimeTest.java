package dev.snapfusion.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.link.DeviceInfo;
import org.junit.jupiter.api.Test;

/** {@code studio devices} names the TFLite build behind each device's numbers. */
class DevicesRuntimeTest {
    @Test
    void runtime_virtualDevice_isTheDesktopTflite221() {
        DeviceInfo d = new DeviceInfo("virtual", "virtual", "device", "SnapFusion virtual device", "", true);
        assertThat(DevicesCommand.runtime(d)).startsWith("TFLite 2.21").endsWith("(C++ API, JavaCPP)");
    }

    @Test
    void runtime_phone_isTheShippedAarVersion() {
        DeviceInfo d = new DeviceInfo("127.0.0.1:5037", "R5CT", "device", "Pixel 8", "husky", false);
        assertThat(DevicesCommand.runtime(d)).isEqualTo("TFLite 2.16.1 (Java API, AAR)");
    }
}
