package dev.snapfusion.runner.bundle;

/** diffusers scheduler config fields the runner uses. */
public record SchedulerConfig(String type, int numTrainTimesteps, double betaStart, double betaEnd,
                              String betaSchedule, int stepsOffset, boolean setAlphaToOne, String timestepSpacing) {
    public static SchedulerConfig sd15Ddim() {
        return new SchedulerConfig("ddim", 1000, 0.00085, 0.012, "scaled_linear", 1, false, "leading");
    }
}
