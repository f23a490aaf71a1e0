package dev.snapfusion.studio.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.studio.common.ProgressSink;
import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.ReportWriter;
import dev.snapfusion.studio.report.RunFixtures;
import dev.snapfusion.studio.report.RunSummary;
import dev.snapfusion.studio.services.DemoResult;
import dev.snapfusion.studio.services.UnusedServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The "Open report…" command without the native folder chooser. Needs the FX thread for Task callbacks. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class CompareModelUiTest {
    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        stage.show();
    }

    private CompareModel model() {
        return new CompareModel(new UnusedServices() {
            @Override
            public DemoResult runDemo(Path outDir, ProgressSink progress) {
                throw new UnsupportedOperationException("not used");
            }

            @Override
            public Path workspace() {
                return tmp;
            }
        });
    }

    @Test
    void openReport_writtenReport_showsItAndRemembersTheFolder() throws Exception {
        Path out = tmp.resolve("report");
        ReportWriter.write(ComparisonReport.fromRunDirs(RunFixtures.snapFusionRun(tmp.resolve("sf")),
                RunFixtures.sd15Run(tmp.resolve("sd"))), out);
        CompareModel model = model();

        Platform.runLater(() -> model.openReport(out));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.report.get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.reportDir.get()).isEqualTo(out);
        assertThat(model.report.get().runs()).extracting(RunSummary::variant).containsExactly("snapfusion", "sd15");
        assertThat(model.error.get()).isEmpty();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void export_shownReport_writesTheFolderAndSaysWhere() throws Exception {
        ComparisonReport r = ComparisonReport.fromRunDirs(RunFixtures.snapFusionRun(tmp.resolve("sf")),
                RunFixtures.sd15Run(tmp.resolve("sd")));
        CompareModel model = model();
        Path out = tmp.resolve("exported");

        Platform.runLater(() -> {
            model.show(tmp, r);
            model.export(out);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.status.get().startsWith("Exported"));

        assertThat(out.resolve("report.html")).exists();
        assertThat(out.resolve("report.json")).exists();
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.error.get()).isEmpty();
    }

    @Test
    void export_folderIsAFile_showsMessageAndKeepsTheReport() throws Exception {
        ComparisonReport r = ComparisonReport.fromRunDirs(RunFixtures.snapFusionRun(tmp.resolve("sf")),
                RunFixtures.sd15Run(tmp.resolve("sd")));
        CompareModel model = model();
        Path blocked = Files.writeString(tmp.resolve("not-a-folder"), "x");

        Platform.runLater(() -> {
            model.show(tmp, r);
            model.export(blocked);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.error.get().isEmpty());

        assertThat(model.error.get()).startsWith("Cannot export the comparison: ");
        assertThat(model.report.get()).isSameAs(r);
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.status.get()).isEmpty();
    }

    @Test
    void openReport_folderWithoutReport_showsMessageNamingTheFolder() throws Exception {
        Path notAReport = Files.createDirectories(tmp.resolve("holiday-photos"));
        CompareModel model = model();

        Platform.runLater(() -> model.openReport(notAReport));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.error.get().isEmpty());

        assertThat(model.error.get()).isEqualTo("Cannot open the report: " + notAReport
                + " is not a report folder: it has no report.json");
        assertThat(model.report.get()).isNull();
    }
}
