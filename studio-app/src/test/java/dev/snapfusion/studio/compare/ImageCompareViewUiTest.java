package dev.snapfusion.studio.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.ImageDiff;
import dev.snapfusion.studio.report.RunFixtures;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Compare page's image view: one zoom for both images, the four modes, the metrics line. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ImageCompareViewUiTest {
    @TempDir
    static Path tmp;
    private ImageCompareView view;
    private ComparisonReport report;

    @Start
    void start(Stage stage) throws Exception {
        report = ComparisonReport.fromRunDirs(RunFixtures.snapFusionRun(tmp.resolve("sf")), RunFixtures.sd15Run(tmp.resolve("sd")));
        view = new ImageCompareView();
        stage.setScene(new Scene(view, 900, 560));
        stage.show();
        view.show(report.runs().get(0), report.runs().get(1),
                ImageDiff.of(report.runs().get(0).image(), report.runs().get(1).image()));
    }

    @Test
    void zoomAndPan_areSharedByBothImages_andFitRestoresTheWholeImage(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        ZoomPane first = robot.lookup("#zoom-first").queryAs(ZoomPane.class);
        ZoomPane second = robot.lookup("#zoom-second").queryAs(ZoomPane.class);
        double fit = view.zoom().scale.get();
        assertThat(fit).isGreaterThan(1);   // 64 px fixtures in a ~440 px pane

        robot.moveTo(first).scroll(5, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.zoom().scale.get()).isNotCloseTo(fit, within(1e-6));
        assertThat(view.zoom().fit.get()).isFalse();
        robot.drag(first).moveBy(40, 25).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        // both panes place their image at the same spot: the same pixels are under the same point of each pane
        ImageView a = (ImageView) first.getChildrenUnmodifiable().get(0);
        ImageView b = (ImageView) second.getChildrenUnmodifiable().get(0);
        assertThat(a.getLayoutX() - first.getWidth() / 2).isCloseTo(b.getLayoutX() - second.getWidth() / 2, within(1e-6));
        assertThat(a.getFitWidth()).isCloseTo(b.getFitWidth(), within(1e-6));

        robot.clickOn("#zoom-actual");
        assertThat(view.zoom().scale.get()).isEqualTo(1.0);
        robot.clickOn("#zoom-fit");
        assertThat(view.zoom().scale.get()).isCloseTo(fit, within(1e-6));
        assertThat(robot.lookup("#image-metrics").queryAs(Label.class).getText()).contains("PSNR", "SSIM");
    }

    @Test
    void modes_sliderFlickerDifference_showOnePaneWithTheRightImages(FxRobot robot) throws Exception {
        robot.clickOn("#view-slider");
        assertThat(view.mode()).isEqualTo(ImageCompareView.Mode.SLIDER);
        ZoomPane single = robot.lookup("#zoom-single").queryAs(ZoomPane.class);
        assertThat(single.split.get()).isEqualTo(0.5);
        assertThat(robot.lookup("#zoom-first").tryQuery()).isEmpty();

        robot.clickOn("#view-flicker");
        var shown = single.shown();
        WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> single.shown() != shown);   // it alternates

        robot.clickOn("#view-diff");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(single.shown()).isNotNull();
        assertThat(single.shown().getWidth()).isEqualTo(report.runs().get(0).timings().width());
        assertThat(single.split.get()).isNegative();

        robot.clickOn("#view-side");
        assertThat(robot.lookup("#zoom-first").tryQuery()).isPresent();
    }
}
