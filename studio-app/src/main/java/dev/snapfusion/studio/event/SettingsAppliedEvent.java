package dev.snapfusion.studio.event;

import dev.snapfusion.studio.config.StudioSettings;

/**
 * The Settings page saved new settings. The Devices page lists the devices again when {@code linkChanged} (the link was
 * reopened for another adb or other servers); the Convert page offers the new default quantization.
 */
public record SettingsAppliedEvent(StudioSettings settings, boolean linkChanged) {
}
