package dev.snapfusion.runner.pipeline;

/**
 * Evicts the CPU caches by writing one byte per 64-byte line of a buffer larger than them (32 MiB: above the L2 of this
 * desktop and the system-level caches of current phone SoCs). Used between a block's wake-up invoke and its timed
 * invoke, so the timed one reads its weights from memory as it does inside the whole UNet. Not thread-safe.
 */
final class CacheFlush {
    static final int BYTES = 32 << 20;
    private byte[] buffer;

    void run() {
        if (buffer == null) buffer = new byte[BYTES];
        for (int i = 0; i < buffer.length; i += 64) buffer[i]++;
    }
}
