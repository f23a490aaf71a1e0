package dev.snapfusion.bridge.convert;

import dev.snapfusion.runner.bundle.BundleManifest;
import java.nio.file.Path;

/** A finished bundle folder and its manifest. */
public record ConvertedBundle(Path dir, BundleManifest manifest, double seconds, ConversionReport report) {
}
