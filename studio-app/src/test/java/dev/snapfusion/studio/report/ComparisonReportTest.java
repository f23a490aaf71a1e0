package dev.snapfusion.studio.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportTest {
    @TempDir
    Path tmp;

    @Test
    void fromRunDirs_twoRuns_readsPromptTimingsAndExtras() throws Exception {
        Path sf = RunFixtures.snapFusionRun(tmp.resolve("sf"));
        Path sd = RunFixtures.sd15Run(tmp.resolve("sd"));

        ComparisonReport r = ComparisonReport.fromRunDirs(sf, new RunExtras(1_234_567L, "Galaxy S23"), sd, RunExtras.NONE);

        assertThat(r.prompt()).isEqualTo(RunFixtures.PROMPT);
        assertThat(r.runs()).extracting(RunSummary::variant).containsExactly("snapfusion", "sd15");
        assertThat(r.runs().get(0).device()).isEqualTo("Galaxy S23");
        assertThat(r.runs().get(1).device()).isEqualTo("Pixel 8 Pro");
        assertThat(r.runs().get(0).bundleBytes()).isEqualTo(1_234_567L);
        assertThat(r.runs().get(1).bundleBytes()).isEqualTo(-1);
        assertThat(r.runs().get(0).image()).isEqualTo(sf.resolve("image.png").toAbsolutePath());
    }

    @Test
    void speedups_sdGivenFirst_stillMeasureSdOverSnapFusion() throws Exception {
        Path sf = RunFixtures.snapFusionRun(tmp.resolve("sf"));
        Path sd = RunFixtures.sd15Run(tmp.resolve("sd"));

        ComparisonReport r = ComparisonReport.fromRunDirs(sd, sf);

        assertThat(r.baseline().variant()).isEqualTo("sd15");
        assertThat(r.candidate().variant()).isEqualTo("snapfusion");
        double expected = r.runs().get(0).unetMedianStepMs() / r.runs().get(1).unetMedianStepMs();
        assertThat(r.unetStepSpeedup()).isEqualTo(expected).isGreaterThan(1);
        assertThat(r.totalSpeedup()).isEqualTo(r.runs().get(0).timings().totalMs() / r.runs().get(1).timings().totalMs());
    }

    @Test
    void latencyRows_bundleSizeUnknownForOneRun_ratioIsNaNAndShownAsDash() throws Exception {
        ComparisonReport r = ComparisonReport.fromRunDirs(RunFixtures.snapFusionRun(tmp.resolve("sf")),
                new RunExtras(100L << 20, null), RunFixtures.sd15Run(tmp.resolve("sd")), RunExtras.NONE);

        LatencyRow bundle = r.latencyRows().stream().filter(l -> l.component().equals("Bundle size")).findFirst()
                .orElseThrow();
        assertThat(bundle.formatFirst()).isEqualTo("100 MiB");
        assertThat(bundle.formatSecond()).isEqualTo("—");
        assertThat(bundle.formatRatio()).isEqualTo("—");
        LatencyRow total = r.latencyRows().stream().filter(l -> l.component().equals("Total")).findFirst().orElseThrow();
        assertThat(total.ratio()).isEqualTo(r.totalSpeedup());
    }

    @Test
    void latencyRows_overheadAndPhasePeaks_haveTheirOwnRowsAndSurviveTheReportJson() throws Exception {
        ComparisonReport r = ComparisonReport.fromRunDirs(RunFixtures.snapFusionRun(tmp.resolve("sf")),
                RunFixtures.sd15Run(tmp.resolve("sd")));
        LatencyRow overhead = r.latencyRows().stream().filter(l -> l.component().startsWith("Blockwise copy overhead"))
                .findFirst().orElseThrow();
        assertThat(overhead.first()).isEqualTo(6.0);
        assertThat(overhead.second()).isEqualTo(12.0);
        LatencyRow unet = r.latencyRows().stream().filter(l -> l.component().equals("Peak memory, UNet loaded"))
                .findFirst().orElseThrow();
        assertThat(unet.formatFirst()).isEqualTo("1,563 MiB");
        assertThat(r.latencyRows()).as("a phase neither run reports has no row")
                .noneMatch(l -> l.component().equals("Peak memory, decoder loaded"));

        Path out = tmp.resolve("report");
        ReportWriter.write(r, out);
        ComparisonReport back = ReportReader.read(out);
        assertThat(back.runs().get(0).timings().runtime()).isEqualTo("TFLite 2.16.1 (Java API)");
        assertThat(back.runs().get(0).timings().blockOverheadMs()).isEqualTo(6.0);
        assertThat(back.runs().get(1).timings().peakMemoryKbByComponent()).containsEntry("unet", 2_900_000L);
        assertThat(Files.readString(out.resolve("report.html"))).contains("TFLite 2.16.1 (Java API)");
    }

    @Test
    void fromRunDirs_missingTimings_namesTheFileAndFolder() throws Exception {
        Path sf = RunFixtures.snapFusionRun(tmp.resolve("sf"));
        Path sd = RunFixtures.sd15Run(tmp.resolve("sd"));
        Files.delete(sd.resolve("timings.json"));

        assertThatThrownBy(() -> ComparisonReport.fromRunDirs(sf, sd))
                .isInstanceOf(ComparisonException.class)
                .hasMessageContaining("timings.json")
                .hasMessageContaining(sd.toString());
    }

    @Test
    void fromRunDirs_malformedTimings_namesTheFileAndTheMissingField() throws Exception {
        Path sf = RunFixtures.snapFusionRun(tmp.resolve("sf"));
        Path sd = RunFixtures.sd15Run(tmp.resolve("sd"));
        Files.writeString(sf.resolve("timings.json"), "{\"variant\":\"snapfusion\"}");

        assertThatThrownBy(() -> ComparisonReport.fromRunDirs(sf, sd))
                .isInstanceOf(ComparisonException.class)
                .hasMessageContaining(sf.resolve("timings.json").toString())
                .hasMessageContaining("timings_ms");
    }

    @Test
    void fromRunDirs_missingImage_namesTheImage() throws Exception {
        Path sf = RunFixtures.snapFusionRun(tmp.resolve("sf"));
        Path sd = RunFixtures.sd15Run(tmp.resolve("sd"));
        Files.delete(sf.resolve("image.png"));

        assertThatThrownBy(() -> ComparisonReport.fromRunDirs(sf, sd))
                .isInstanceOf(ComparisonException.class)
                .hasMessageContaining("image.png")
                .hasMessageContaining(sf.toString());
    }

    @Test
    void fromRunDirs_folderDoesNotExist_namesTheFolder() throws Exception {
        Path sd = RunFixtures.sd15Run(tmp.resolve("sd"));
        Path nowhere = tmp.resolve("nowhere");

        assertThatThrownBy(() -> ComparisonReport.fromRunDirs(nowhere, sd))
                .isInstanceOf(ComparisonException.class)
                .hasMessageContaining(nowhere.toString());
    }
}
