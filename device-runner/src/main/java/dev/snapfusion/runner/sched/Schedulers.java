package dev.snapfusion.runner.sched;

import java.util.List;

/** Picks a scheduler by its wire name ({@code ddim}, {@code pndm}, {@code euler}). */
public final class Schedulers {
    public static final List<String> NAMES = List.of("ddim", "pndm", "euler");

    private Schedulers() {
    }

    /** A fresh scheduler; the message for an unknown name lists the known ones. */
    public static DiffusionScheduler create(String name, SchedulerParams params, PredictionType prediction) {
        String n = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        switch (n) {
            case "ddim":
                return new DdimScheduler(params, prediction);
            case "pndm":
                return new PndmScheduler(params, prediction);
            case "euler":
            case "euler_discrete":
                return new EulerScheduler(params, prediction);
            default:
                throw new IllegalArgumentException("unknown scheduler \"" + name + "\"; expected one of " + NAMES);
        }
    }
}
