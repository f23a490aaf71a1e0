package dev.snapfusion.studio.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RunFilterTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static RunEntry run(String prompt, String device, String serial, String variant, String created) {
        return RunEntry.builder().id("r").prompt(prompt).device(device).serial(serial).variant(variant)
                .bundle(variant + "-fp32").created(OffsetDateTime.parse(created)).folder(Path.of("/runs/r")).build();
    }

    @Test
    void matches_promptAnyCaseAnywhere_onlyThoseRuns() {
        RunFilter f = new RunFilter("HORSE", null, null, null, null);
        assertThat(f.matches(run("an astronaut riding a horse", "", "", "sd15", "2026-12-07T10:00:00Z"))).isTrue();
        assertThat(f.matches(run("a red fox in snow", "", "", "sd15", "2026-12-07T10:00:00Z"))).isFalse();
    }

    @Test
    void matches_deviceBySerialOrName() {
        RunEntry e = run("p", "Google Pixel 8 Pro", "R58M41ABCD", "sd15", "2026-12-07T10:00:00Z");
        assertThat(new RunFilter(null, "r58m41abcd", null, null, null).matches(e)).isTrue();
        assertThat(new RunFilter(null, "pixel 8", null, null, null).matches(e)).isTrue();
        assertThat(new RunFilter(null, "virtual", null, null, null).matches(e)).isFalse();
    }

    @Test
    void matches_variantAndBundleAndSince_allMustHold() {
        RunEntry e = run("p", "d", "s", "snapfusion", "2026-12-07T10:00:00Z");
        assertThat(new RunFilter("", "", "snapfusion", "snapfusion-fp32", Instant.parse("2026-12-07T10:00:00Z")).matches(e)).isTrue();
        assertThat(new RunFilter("", "", "sd15", "", null).matches(e)).isFalse();
        assertThat(new RunFilter("", "", "", "sd15", null).matches(e)).isFalse();
        assertThat(new RunFilter("", "", "", "", Instant.parse("2026-12-07T10:00:01Z")).matches(e)).isFalse();
    }

    @Test
    void parseSince_plainDate_startOfThatDayInTheZone() {
        assertThat(RunFilter.parseSince("2026-12-07", BERLIN)).isEqualTo(Instant.parse("2026-12-06T23:00:00Z"));
    }

    @Test
    void parseSince_localAndOffsetDateTimes() {
        assertThat(RunFilter.parseSince("2026-12-07T14:30", BERLIN)).isEqualTo(Instant.parse("2026-12-07T13:30:00Z"));
        assertThat(RunFilter.parseSince("2026-12-07T14:30:00+05:00", BERLIN)).isEqualTo(Instant.parse("2026-12-07T09:30:00Z"));
    }

    @Test
    void parseSince_notADate_namesTheTextAndAnExample() {
        assertThatThrownBy(() -> RunFilter.parseSince("last tuesday", BERLIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--since last tuesday")
                .hasMessageContaining("2026-12-07");
    }
}
