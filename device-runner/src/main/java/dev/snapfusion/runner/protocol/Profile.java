package dev.snapfusion.runner.protocol;

import java.util.Locale;

/** What the runner profiles besides the normal timings: NONE, or OPS (per-op times, op_profile.json). */
public enum Profile {
    NONE, OPS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile fromWire(String s) {
        for (Profile p : values()) if (p.wireName().equals(s)) return p;
        throw new RunnerProtocolException("unknown profile '" + s + "' (expected none or ops)");
    }
}
