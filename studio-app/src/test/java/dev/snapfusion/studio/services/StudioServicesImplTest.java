package dev.snapfusion.studio.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.link.LinkOptions;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.job.Studio;
import dev.snapfusion.studio.job.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudioServicesImplTest {
    @TempDir
    Path tmp;

    @Test
    void parseMemTotal_procMeminfo_returnsBytes() {
        String meminfo = "MemTotal:       11791348 kB\nMemFree:          402112 kB\nMemAvailable:    5012345 kB\n";
        assertThat(StudioServicesImpl.parseMemTotal(meminfo)).isEqualTo(11_791_348L * 1024);
    }

    @Test
    void parseMemTotal_noMemTotalLine_returnsUnknown() {
        assertThat(StudioServicesImpl.parseMemTotal("MemFree: 1 kB\n")).isEqualTo(-1);
        assertThat(StudioServicesImpl.parseMemTotal("MemTotal: lots kB\n")).isEqualTo(-1);
    }

    @Test
    void addRemoteServer_badPort_failsNamingTheInputWithoutOpeningTheLink() {
        try (Studio studio = new Studio(new Workspace(tmp), new LinkOptions(tmp, 5037, Optional.empty(), List.of(),
                tmp.resolve(".android")))) {
            assertThatThrownBy(() -> new StudioServicesImpl(studio, "virtual").addRemoteServer("farm:99999"))
                    .isInstanceOf(StudioError.class)
                    .hasMessage("adb server 'farm:99999' has a bad port; use host:port, e.g. 127.0.0.1:5037");
            assertThat(studio.linkWarnings()).isEmpty();
        }
    }
}
