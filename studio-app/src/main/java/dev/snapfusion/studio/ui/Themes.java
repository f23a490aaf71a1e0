package dev.snapfusion.studio.ui;

import dev.snapfusion.studio.config.Theme;
import java.util.Objects;
import javafx.scene.Scene;

/**
 * Puts a theme on a scene: studio.css always, and studio-dark.css after it for {@link Theme#DARK}. The dark sheet only
 * redefines the looked-up colours ({@code -sf-*} and Modena's {@code -fx-base} family) at {@code .root}, so every page's
 * CSS follows without a rule of its own.
 */
public final class Themes {
    public static final String LIGHT_SHEET = sheet("studio.css");
    public static final String DARK_SHEET = sheet("studio-dark.css");

    private Themes() {
    }

    /** Takes effect at once; call on the FX thread. */
    public static void apply(Scene scene, Theme theme) {
        var sheets = scene.getStylesheets();
        if (!sheets.contains(LIGHT_SHEET)) sheets.add(0, LIGHT_SHEET);
        sheets.remove(DARK_SHEET);
        if (theme == Theme.DARK) sheets.add(DARK_SHEET);
    }

    /** The theme a scene shows now. */
    public static Theme of(Scene scene) {
        return scene.getStylesheets().contains(DARK_SHEET) ? Theme.DARK : Theme.LIGHT;
    }

    private static String sheet(String name) {
        return Objects.requireNonNull(Themes.class.getResource("/dev/snapfusion/studio/" + name), name).toExternalForm();
    }
}
