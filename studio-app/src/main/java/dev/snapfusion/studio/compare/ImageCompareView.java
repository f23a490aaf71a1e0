package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.ImageDiff;
import dev.snapfusion.studio.report.RunSummary;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/**
 * The two runs' images, large, under one zoom and pan (wheel, drag, double-click or Fit, 1:1): side by side, as a
 * slider (first image left of the handle, second right), flickering between them, or as the difference heat-map,
 * with PSNR and SSIM. FX thread only.
 */
final class ImageCompareView extends VBox {
    enum Mode { SIDE_BY_SIDE, SLIDER, FLICKER, DIFFERENCE }

    private final ZoomState zoom = new ZoomState();
    private final ZoomPane left = new ZoomPane(zoom);
    private final ZoomPane right = new ZoomPane(zoom);
    private final ZoomPane single = new ZoomPane(zoom);
    private final Label leftTitle = new Label();
    private final Label rightTitle = new Label();
    private final Label singleTitle = new Label();
    private final Label metrics = new Label();
    private final Label scaleLabel = new Label();
    private final HBox panes = new HBox();
    private final ToggleGroup modes = new ToggleGroup();
    private final Timeline flicker;
    private Image first;
    private Image second;
    private Image heat;
    private String firstName = "";
    private String secondName = "";
    private Mode mode = Mode.SIDE_BY_SIDE;

    ImageCompareView() {
        setId("image-compare");
        getStyleClass().addAll("card", "image-compare");
        HBox bar = new HBox(modeButton("Side by side", Mode.SIDE_BY_SIDE, "view-side"), modeButton("Slider", Mode.SLIDER, "view-slider"),
                modeButton("Flicker", Mode.FLICKER, "view-flicker"), modeButton("Difference", Mode.DIFFERENCE, "view-diff"));
        bar.getStyleClass().add("segmented");
        Button fit = iconButton(new FontIcon(MaterialDesignF.FIT_TO_PAGE_OUTLINE), "zoom-fit", "Fit to window (double-click)");
        fit.setOnAction(e -> fitAll());
        Button actual = new Button("1:1");
        actual.setId("zoom-actual");
        actual.setTooltip(new Tooltip("One screen pixel per image pixel"));
        actual.setOnAction(e -> zoom.actualSize());
        scaleLabel.setId("zoom-scale");
        scaleLabel.getStyleClass().add("status");
        zoom.scale.addListener((o, a, s) -> scaleLabel.setText(String.format(Locale.ROOT, "%.0f%%", 100 * s.doubleValue())));
        metrics.setId("image-metrics");
        metrics.getStyleClass().add("status");
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox tools = new HBox(8, bar, fit, actual, scaleLabel, spacer, metrics);
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.getStyleClass().add("actions");

        left.setId("zoom-first");
        right.setId("zoom-second");
        single.setId("zoom-single");
        panes.getStyleClass().add("zoom-panes");
        panes.setSpacing(8);
        VBox.setVgrow(panes, Priority.ALWAYS);
        getChildren().addAll(tools, panes);

        flicker = new Timeline(new KeyFrame(Duration.millis(500), e -> swapFlicker()));
        flicker.setCycleCount(Timeline.INDEFINITE);
        setMode(Mode.SIDE_BY_SIDE);
    }

    private ToggleButton modeButton(String text, Mode m, String id) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setToggleGroup(modes);
        b.setUserData(m);
        b.setSelected(m == Mode.SIDE_BY_SIDE);
        b.setOnAction(e -> {
            if (!b.isSelected()) b.setSelected(true);   // one mode is always on
            setMode(m);
        });
        return b;
    }

    private static Button iconButton(FontIcon icon, String id, String tip) {
        Button b = new Button("", icon);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    /** Shows two runs' images; {@code diff} is their difference (null or not comparable: no heat-map). */
    void show(RunSummary a, RunSummary b, ImageDiff diff) {
        // Loaded in the background (not on the FX thread); the sizes come from the runs' timings.
        first = new Image(a.image().toUri().toString(), true);
        second = new Image(b.image().toUri().toString(), true);
        firstName = a.displayName();
        secondName = b.displayName();
        heat = diff != null && diff.comparable() ? heatImage(diff) : null;
        metrics.setText(diff == null ? "" : diff.metrics());
        zoom.image(a.timings().width(), a.timings().height());
        setMode(mode);
        fitAll();
    }

    Mode mode() {
        return mode;
    }

    ZoomState zoom() {
        return zoom;
    }

    void setMode(Mode m) {
        mode = m;
        flicker.stop();
        for (var t : modes.getToggles()) t.setSelected(t.getUserData() == m);
        single.split.set(-1);
        single.overlay(null);
        switch (m) {
            case SIDE_BY_SIDE -> {
                left.show(first);
                right.show(second);
                leftTitle.setText(firstName);
                rightTitle.setText(secondName);
                panes.getChildren().setAll(titled(left, leftTitle), titled(right, rightTitle));
            }
            case SLIDER -> {
                single.show(second);
                single.overlay(first);
                single.split.set(0.5);
                singleTitle.setText("◀ " + firstName + "   |   " + secondName + " ▶   (drag the line)");
                panes.getChildren().setAll(titled(single, singleTitle));
            }
            case FLICKER -> {
                single.show(first);
                singleTitle.setText(firstName);
                panes.getChildren().setAll(titled(single, singleTitle));
                flicker.play();
            }
            case DIFFERENCE -> {
                single.show(heat);
                singleTitle.setText(heat == null ? "The images differ in size: no difference map"
                        : "|" + firstName + " − " + secondName + "|: black = same, red → yellow → white = further apart");
                panes.getChildren().setAll(titled(single, singleTitle));
            }
        }
    }

    private void swapFlicker() {
        boolean showingFirst = single.shown() == first;
        single.show(showingFirst ? second : first);
        singleTitle.setText(showingFirst ? secondName : firstName);
    }

    private static VBox titled(ZoomPane pane, Label title) {
        title.getStyleClass().add("image-title");
        VBox box = new VBox(4, title, pane);
        VBox.setVgrow(pane, Priority.ALWAYS);
        HBox.setHgrow(box, Priority.ALWAYS);
        pane.setMinSize(120, 120);
        return box;
    }

    private void fitAll() {
        ZoomPane p = mode == Mode.SIDE_BY_SIDE ? left : single;
        if (p.getWidth() > 0) zoom.fitTo(p.getWidth(), p.getHeight());
        else zoom.fit.set(true);
    }

    private static Image heatImage(ImageDiff d) {
        WritableImage img = new WritableImage(d.width(), d.height());
        img.getPixelWriter().setPixels(0, 0, d.width(), d.height(), PixelFormat.getIntArgbInstance(), d.heatMap(), 0, d.width());
        return img;
    }

    /** Stops the flicker timer (the page calls this when it shows another report). */
    void stop() {
        flicker.stop();
    }
}
