package dev.snapfusion.studio.compare;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * One zoom and pan shared by every view of a comparison, so both images always show the same pixels: {@code scale}
 * is screen pixels per image pixel, ({@code centerX}, {@code centerY}) the image point at the middle of the view.
 * {@code fit} keeps the whole image in view as the window resizes; any zoom or pan turns it off. FX thread only.
 */
final class ZoomState {
    static final double MIN_SCALE = 0.05;
    static final double MAX_SCALE = 64;

    final DoubleProperty scale = new SimpleDoubleProperty(1);
    final DoubleProperty centerX = new SimpleDoubleProperty(0);
    final DoubleProperty centerY = new SimpleDoubleProperty(0);
    final BooleanProperty fit = new SimpleBooleanProperty(true);
    private double imageWidth = 1;
    private double imageHeight = 1;

    void image(double width, double height) {
        imageWidth = Math.max(1, width);
        imageHeight = Math.max(1, height);
        centerX.set(imageWidth / 2);
        centerY.set(imageHeight / 2);
    }

    double imageWidth() {
        return imageWidth;
    }

    double imageHeight() {
        return imageHeight;
    }

    /** The scale at which the whole image fits a view of this size. */
    double fitScale(double viewWidth, double viewHeight) {
        return clamp(Math.min(viewWidth / imageWidth, viewHeight / imageHeight));
    }

    /** Fit to the view (keeps fitting on resize). */
    void fitTo(double viewWidth, double viewHeight) {
        fit.set(true);
        scale.set(fitScale(viewWidth, viewHeight));
        centerX.set(imageWidth / 2);
        centerY.set(imageHeight / 2);
    }

    /** One screen pixel per image pixel, around the current centre. */
    void actualSize() {
        fit.set(false);
        scale.set(1);
    }

    /** Zooms by {@code factor} keeping the image point under ({@code viewX}, {@code viewY}) where it is. */
    void zoomAt(double factor, double viewX, double viewY, double viewWidth, double viewHeight) {
        fit.set(false);
        double s = scale.get();
        double ns = clamp(s * factor);
        double px = centerX.get() + (viewX - viewWidth / 2) / s;
        double py = centerY.get() + (viewY - viewHeight / 2) / s;
        scale.set(ns);
        centerX.set(px - (viewX - viewWidth / 2) / ns);
        centerY.set(py - (viewY - viewHeight / 2) / ns);
    }

    /** Moves the image by a drag of (dx, dy) screen pixels. */
    void panBy(double dx, double dy) {
        fit.set(false);
        double s = scale.get();
        centerX.set(Math.max(0, Math.min(imageWidth, centerX.get() - dx / s)));
        centerY.set(Math.max(0, Math.min(imageHeight, centerY.get() - dy / s)));
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }
}
