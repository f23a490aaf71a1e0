package dev.snapfusion.runner.protocol;

/**
 * What the studio asks the runner to do. Written to a file on the device, never on a command line,
 * because the prompt is user text (docs/runner-protocol.md, "Request file").
 *
 * @param bundleDir device path of the pushed bundle folder
 * @param outDir device path where the runner writes image.png and timings.json
 * @param initLatents device path of a [1,4,h,w] float32 .npy, or null to draw from the seed
 */
public record RunRequest(String bundleDir, String outDir, String prompt, String negativePrompt, long seed, int steps,
                         double cfg, RunMode mode, int threads, boolean xnnpack, String initLatents) {
    public static final int VERSION = 1;

    public RunRequest {
        if (steps < 1 || steps > 1000) throw new IllegalArgumentException("steps must be 1..1000, got " + steps);
        if (!(cfg >= 0)) throw new IllegalArgumentException("cfg must be >= 0, got " + cfg);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (prompt == null) prompt = "";
        if (negativePrompt == null) negativePrompt = "";
    }
}
