package dev.snapfusion.studio.bundles;

import dev.snapfusion.bridge.convert.ConversionReport;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.Component;
import java.nio.file.Path;

/**
 * One folder of {@code <workspace>/bundles}: a readable bundle, or a broken one whose manifest cannot be read.
 *
 * @param manifest null when {@link #broken()}
 * @param report the bundle's conversion-report.json; null when it has none or it cannot be read ({@code reportProblem})
 * @param bytesOnDisk every regular file under the folder
 * @param problem why the bundle is broken (names the file); null for a readable bundle
 * @param reportProblem why the conversion report could not be read; null when it was read or is absent
 */
public record BundleEntry(Path folder, BundleManifest manifest, ConversionReport report, long bytesOnDisk,
                          String problem, String reportProblem) {
    public static BundleEntry readable(Path folder, BundleManifest m, ConversionReport report, long bytes, String reportProblem) {
        return new BundleEntry(folder, m, report, bytes, null, reportProblem);
    }

    public static BundleEntry broken(Path folder, long bytes, String problem) {
        return new BundleEntry(folder, null, null, bytes, problem, null);
    }

    /** The folder's name, which is how people tell bundles apart (the id is a content hash). */
    public String name() {
        return folder.getFileName().toString();
    }

    public boolean broken() {
        return manifest == null;
    }

    /** The full recipe with its overrides when the report has it, else the manifest's scheme. */
    public String recipe() {
        if (broken()) return "";
        return report != null && report.recipe() != null ? report.recipe() : manifest.quantization();
    }

    /**
     * Learned weights of the pipeline: text encoder, UNet and decoder. A bundle without a whole {@code unet.tflite}
     * (over the 2 GB limit) counts its UNet from the block table.
     */
    public long params() {
        if (broken()) return 0;
        long sum = manifest.components().values().stream().mapToLong(Component::params).sum();
        if (!manifest.components().containsKey(BundleManifest.UNET)) sum += manifest.blocks().stream().mapToLong(Block::params).sum();
        return sum;
    }

    /** FLOPs of one pass through each component (one UNet step), counted as {@link #params()} is. */
    public long flops() {
        if (broken()) return 0;
        long sum = manifest.components().values().stream().mapToLong(Component::flops).sum();
        if (!manifest.components().containsKey(BundleManifest.UNET)) sum += manifest.blocks().stream().mapToLong(Block::flops).sum();
        return sum;
    }

    public ParityVerdict parity() {
        return broken() ? ParityVerdict.NOT_MEASURED : ParityVerdict.of(report);
    }
}
