package dev.snapfusion.runner.noise;

import java.io.IOException;

/** A .npy file that is not a float32 little-endian C-order array of the expected shape; the message names the file. */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NpyFormatException(String message) {
        super(message);
    }
}
