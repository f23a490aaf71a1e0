package dev.snapfusion.link;

import java.time.Duration;

/**
 * Progress of a bundle push. Totals count only the files that need pushing (skipped files are not
 * bytes to wait for).
 *
 * @param file the file being pushed, relative to the bundle folder
 * @param eta time left at the current rate; {@link Duration#ZERO} when done or before any byte moved
 */
public record PushProgress(String file, long fileBytesDone, long fileBytes, long totalBytesDone, long totalBytes,
                           double megabytesPerSecond, Duration eta) {
}
