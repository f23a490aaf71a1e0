package dev.snapfusion.studio.compare;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * One image under a shared {@link ZoomState}: wheel zooms around the pointer, drag pans, pixels stay sharp when
 * enlarged (no smoothing, as in an image inspector). With an overlay image and a split in 0..1, the overlay covers
 * the part left of the split (the slider view); dragging near the split line moves it.
 */
final class ZoomPane extends Region {
    private final ZoomState zoom;
    private final ImageView base = new ImageView();
    private final ImageView overlay = new ImageView();
    private final Rectangle overlayClip = new Rectangle();
    private final Line splitLine = new Line();
    /** Fraction of the view's width covered by the overlay; negative = no overlay. */
    final DoubleProperty split = new SimpleDoubleProperty(-1);
    private double lastX;
    private double lastY;
    private boolean draggingSplit;

    ZoomPane(ZoomState zoom) {
        this.zoom = zoom;
        getStyleClass().add("zoom-pane");
        for (ImageView v : new ImageView[] {base, overlay}) {
            v.setSmooth(false);
            v.setPreserveRatio(false);
            v.setManaged(false);
        }
        overlay.setClip(overlayClip);
        splitLine.getStyleClass().add("split-line");
        splitLine.setManaged(false);
        getChildren().addAll(base, overlay, splitLine);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        zoom.scale.addListener(o -> requestLayout());
        zoom.centerX.addListener(o -> requestLayout());
        zoom.centerY.addListener(o -> requestLayout());
        split.addListener(o -> requestLayout());
        widthProperty().addListener(o -> refit());
        heightProperty().addListener(o -> refit());

        setOnScroll(e -> {
            if (e.getDeltaY() == 0) return;
            zoom.zoomAt(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY(), getWidth(), getHeight());
            e.consume();
        });
        setOnMousePressed(e -> {
            lastX = e.getX();
            lastY = e.getY();
            draggingSplit = split.get() >= 0 && Math.abs(e.getX() - split.get() * getWidth()) < 8;
        });
        setOnMouseDragged(e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            if (draggingSplit) {
                split.set(Math.max(0, Math.min(1, e.getX() / Math.max(1, getWidth()))));
            } else {
                zoom.panBy(e.getX() - lastX, e.getY() - lastY);
            }
            lastX = e.getX();
            lastY = e.getY();
        });
        setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) zoom.fitTo(getWidth(), getHeight());
        });
    }

    void show(Image image) {
        base.setImage(image);
        requestLayout();
    }

    void overlay(Image image) {
        overlay.setImage(image);
        requestLayout();
    }

    Image shown() {
        return base.getImage();
    }

    private void refit() {
        if (zoom.fit.get() && getWidth() > 0 && getHeight() > 0) zoom.fitTo(getWidth(), getHeight());
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double s = zoom.scale.get();
        double w = zoom.imageWidth() * s, h = zoom.imageHeight() * s;
        double x = getWidth() / 2 - zoom.centerX.get() * s;
        double y = getHeight() / 2 - zoom.centerY.get() * s;
        for (ImageView v : new ImageView[] {base, overlay}) {
            v.setFitWidth(w);
            v.setFitHeight(h);
            v.relocate(x, y);
        }
        boolean split = this.split.get() >= 0 && overlay.getImage() != null;
        overlay.setVisible(split);
        splitLine.setVisible(split);
        if (split) {
            double sx = this.split.get() * getWidth();
            overlayClip.setX(0);
            overlayClip.setY(0);
            overlayClip.setWidth(Math.max(0, sx - x));
            overlayClip.setHeight(h);
            splitLine.setStartX(sx);
            splitLine.setEndX(sx);
            splitLine.setStartY(0);
            splitLine.setEndY(getHeight());
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 380;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 380;
    }
}
