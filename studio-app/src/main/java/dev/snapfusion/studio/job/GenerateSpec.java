package dev.snapfusion.studio.job;

import dev.snapfusion.runner.protocol.RunMode;
import java.nio.file.Path;
import java.time.Duration;

/** What {@code generate} should do. {@code threads <= 0} picks the device's default. */
public record GenerateSpec(String device, Path bundleDir, String prompt, String negativePrompt, long seed, int steps,
                           double cfg, RunMode mode, int threads, Duration timeout, Path outDir) {
}
