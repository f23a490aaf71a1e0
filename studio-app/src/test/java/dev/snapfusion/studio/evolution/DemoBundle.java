package dev.snapfusion.studio.evolution;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.ManifestCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo SnapFusion bundle, converted once per test JVM. */
final class DemoBundle {
    private static Path dir;

    private DemoBundle() {
    }

    static synchronized Path path() throws IOException {
        if (dir == null) {
            Path root = Files.createTempDirectory("evolve-demo");
            root.toFile().deleteOnExit();
            dir = root.resolve("sf");
            BundleConverter.convert("demo:snapfusion", Quantization.FP32, dir, ConvertListener.NONE);
        }
        return dir;
    }

    static BundleManifest manifest() throws IOException {
        return ManifestCodec.read(path().resolve("manifest.json"));
    }
}
