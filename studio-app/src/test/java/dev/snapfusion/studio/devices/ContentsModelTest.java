package dev.snapfusion.studio.devices;

import dev.snapfusion.studio.common.Sizes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.link.DeviceStorage;
import dev.snapfusion.link.PushReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the Devices page words what a device holds and how a push ended. */
class ContentsModelTest {
    private static final DeviceStorage.Item BUNDLE = new DeviceStorage.Item(DeviceStorage.Kind.BUNDLE, "17c5f60c3e20c996",
            "/data/local/tmp/snapfusion/bundles/17c5f60c3e20c996", 41_900_000, true);
    private static final DeviceStorage.Item RUN = new DeviceStorage.Item(DeviceStorage.Kind.RUN, "20261207-101500-000-sd15",
            "/data/local/tmp/snapfusion/runs/20261207-101500-000-sd15", 400_000, true);

    @Test
    void label_bundlePushedFromThisWorkspace_readsAsItsFolderName() {
        ContentsModel m = new ContentsModel(null);
        assertThat(m.title(BUNDLE)).isEqualTo("17c5f60c3e20c996");
        m.knownBundles(Map.of("17c5f60c3e20c996", "demo-snapfusion-fp32"));
        assertThat(m.title(BUNDLE)).isEqualTo("demo-snapfusion-fp32");
        assertThat(m.label(BUNDLE)).isEqualTo("demo-snapfusion-fp32 (17c5f60c3e20c996)");
        assertThat(m.label(RUN)).isEqualTo("20261207-101500-000-sd15");
        assertThat(m.describeDeletion(List.of(BUNDLE, RUN))).startsWith(
                "bundle demo-snapfusion-fp32 (17c5f60c3e20c996)  (41.9 MB)\nrun 20261207-101500-000-sd15  (400 kB)\n\n42.3 MB are freed");
    }

    @Test
    void summary_countsEachKindAndAddsTheSizes() {
        assertThat(ContentsModel.summary(List.of(BUNDLE, BUNDLE, RUN))).isEqualTo("2 bundles and 1 run, 84.2 MB in all.");
        assertThat(ContentsModel.summary(List.of())).startsWith("Nothing from the studio on this device yet.");
    }

    @Test
    void outcome_pushedOrUpToDate_saysWhatHappened() {
        assertThat(PushJob.outcome(new PushReport("b", "/d", List.of(), List.of("a", "b", "manifest.json"), 0, 10, 0.03)))
                .isEqualTo("Up to date (3 files skipped)");
        assertThat(PushJob.outcome(new PushReport("b", "/d", List.of("unet.tflite", "manifest.json"), List.of(), 20_029_868,
                0, 2.5))).isEqualTo("Pushed 2 files, 20.0 MB in 2.5 s");
    }

    @Test
    void bytes_smallAndLargeSizes_readLikeStudioLs() {
        assertThat(Sizes.bytes(-1)).isEqualTo("size unknown");
        assertThat(Sizes.bytes(512)).isEqualTo("512 B");
        assertThat(Sizes.bytes(4_096)).isEqualTo("4 kB");
        assertThat(Sizes.bytes(17_700_000)).isEqualTo("17.7 MB");
        assertThat(Sizes.bytes(1_720_000_000L)).isEqualTo("1.72 GB");
    }
}
