package dev.snapfusion.studio.config;

import java.util.Locale;

/** The workbench's colour scheme: studio.css alone, or with studio-dark.css over it. */
public enum Theme {
    LIGHT, DARK;

    /** The word in studio.properties and on the Settings page: "light", "dark". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "light" or "dark", any case; anything else is named in the message. */
    public static Theme parse(String text) {
        for (Theme t : values()) if (t.key().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) return t;
        throw new IllegalArgumentException("Theme “" + text + "” is neither light nor dark");
    }
}
