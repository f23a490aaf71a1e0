package dev.snapfusion.runner.protocol;

import java.util.Locale;

/** WHOLE runs the UNet as one model (the latency you would ship); BLOCKWISE times every block. */
public enum RunMode {
    WHOLE, BLOCKWISE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunMode fromWire(String s) {
        for (RunMode m : values()) if (m.wireName().equals(s)) return m;
        throw new RunnerProtocolException("unknown mode '" + s + "' (expected whole or blockwise)");
    }
}
