package dev.snapfusion.studio.event;

import java.nio.file.Path;
import java.util.Objects;

/** A bundle was written by the Convert page; the Generate page offers it. */
public record BundleConvertedEvent(Path bundleDir) {
    public BundleConvertedEvent {
        Objects.requireNonNull(bundleDir, "bundleDir");
    }
}
