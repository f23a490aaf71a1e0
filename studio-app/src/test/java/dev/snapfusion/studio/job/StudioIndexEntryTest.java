package dev.snapfusion.studio.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.link.RunOutcome;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.ManifestCodec;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.runner.protocol.RunTimingsCodec;
import dev.snapfusion.studio.report.RunFixtures;
import dev.snapfusion.studio.runs.RunEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code Studio.generate} puts in the run history for a finished run. */
class StudioIndexEntryTest {
    @TempDir
    Path tmp;

    private static final OffsetDateTime STARTED = OffsetDateTime.parse("2026-12-07T14:30:12.345+01:00");

    private static BundleManifest manifest() throws Exception {
        return ManifestCodec.read(Path.of(StudioIndexEntryTest.class.getResource("/ops/bundle/manifest.json").toURI()));
    }

    private static RunRequest request() {
        return new RunRequest("/data/local/tmp/snapfusion/bundles/b", "/data/local/tmp/snapfusion/runs/r", "a red fox",
                "blurry", 7, 25, 6.5, RunMode.BLOCKWISE, 4, true, null);
    }

    @Test
    void indexEntry_pulledRun_takesPromptFromRequestBundleFromManifestAndTimesFromTimings() throws Exception {
        Path dir = RunFixtures.sd15Run(tmp.resolve("run"));
        RunTimings t = RunTimingsCodec.parse(Files.readString(dir.resolve("timings.json")));
        RunOutcome o = new RunOutcome(0, false, List.of(), List.of(), List.of(), Optional.of(dir.resolve("image.png")),
                Optional.of(dir.resolve("timings.json")), dir, Duration.ofSeconds(3));

        RunEntry e = Studio.indexEntry("20261207-143012-345-sd15", STARTED, request(), manifest(), "Google Pixel 8 Pro",
                "R58M41ABCD", o);

        assertThat(e.id()).isEqualTo("20261207-143012-345-sd15");
        assertThat(e.created()).isEqualTo(STARTED);
        assertThat(e.folder()).isEqualTo(dir.toAbsolutePath());
        assertThat(e.prompt()).isEqualTo("a red fox");
        assertThat(e.negativePrompt()).isEqualTo("blurry");
        assertThat(e.variant()).isEqualTo("sd15");
        assertThat(e.bundle()).isEqualTo("9f1c02d7aa41e3b0");
        assertThat(e.quantization()).isEqualTo("int8-dynamic");
        assertThat(e.device()).isEqualTo("Google Pixel 8 Pro");
        assertThat(e.serial()).isEqualTo("R58M41ABCD");
        assertThat(e.steps()).isEqualTo(25);
        assertThat(e.seed()).isEqualTo(7);
        assertThat(e.cfg()).isEqualTo(6.5);
        assertThat(e.runtime()).isEqualTo("TFLite 2.16.1 (Java API)");
        assertThat(e.totalMs()).isEqualTo(t.totalMs()).isGreaterThan(0);
        assertThat(e.unetMedianStepMs()).isEqualTo(t.medianUnetStepMs()).isGreaterThan(0);
    }

    @Test
    void indexEntry_noTimingsPulled_unknownTimesAreNaN() throws Exception {
        RunOutcome o = new RunOutcome(0, false, List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(),
                tmp, Duration.ZERO);
        RunEntry e = Studio.indexEntry("r", STARTED, request(), manifest(), "virtual device", "virtual", o);
        assertThat(e.totalMs()).isNaN();
        assertThat(e.unetMedianStepMs()).isNaN();
        assertThat(e.runtime()).isEmpty();
        assertThat(e.steps()).isEqualTo(25);
    }
}
