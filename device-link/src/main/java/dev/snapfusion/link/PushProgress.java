package dev.snapfusion.link;

import java.time.Duration;

/**
 * Progress of a bundle push. Totals count only the files that need pushing (skipped files are not
 * bytes to wait for).
 *
 * @param file the file being pushed, relative to the bundle folder
 * @param megabytesPerSecond rate over the bundle's push so far (10^6 bytes per second)
 * @param eta time left for the whole bundle at that rate; {@link Duration#ZERO} when done or before any byte moved
 */
public record PushProgress(String file, long fileBytesDone, long fileBytes, long totalBytesDone, long totalBytes,
                           double megabytesPerSecond, Duration eta) {
    /** Time left for the current file at the bundle's rate. */
    public Duration fileEta() {
        if (megabytesPerSecond <= 0) return Duration.ZERO;
        return Duration.ofMillis((long) ((fileBytes - fileBytesDone) / (megabytesPerSecond * 1e6) * 1000));
    }

    /** 0..1 of the current file. */
    public double fileFraction() {
        return fileBytes == 0 ? 1 : (double) fileBytesDone / fileBytes;
    }

    /** 0..1 of the bundle's bytes to push. */
    public double totalFraction() {
        return totalBytes == 0 ? 1 : (double) totalBytesDone / totalBytes;
    }
}
