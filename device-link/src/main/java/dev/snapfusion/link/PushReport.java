package dev.snapfusion.link;

import java.util.List;

/**
 * What a bundle push did.
 *
 * @param deviceDir the bundle's folder on the device
 * @param pushed files sent (manifest.json last), relative to the bundle folder
 * @param skipped files already there with the right sha256
 */
public record PushReport(String bundleId, String deviceDir, List<String> pushed, List<String> skipped, long bytesPushed,
                         long bytesSkipped, double seconds) {
    public PushReport {
        pushed = List.copyOf(pushed);
        skipped = List.copyOf(skipped);
    }

    public double megabytesPerSecond() {
        return seconds <= 0 ? 0 : bytesPushed / 1e6 / seconds;
    }
}
