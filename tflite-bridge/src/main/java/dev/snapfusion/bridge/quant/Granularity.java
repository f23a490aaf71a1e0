package dev.snapfusion.bridge.quant;

import java.util.Locale;

/** One int8 scale for the whole weight, or one per output channel (axis 0). */
public enum Granularity {
    PER_TENSOR, PER_CHANNEL;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Granularity parse(String s) {
        for (Granularity g : values()) if (g.cliName().equals(s.trim().toLowerCase(Locale.ROOT))) return g;
        throw new QuantException("unknown granularity '" + s + "' (use per-tensor or per-channel)");
    }
}
