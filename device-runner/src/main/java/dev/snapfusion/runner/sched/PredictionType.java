package dev.snapfusion.runner.sched;

/** What the UNet predicts, spelled as diffusers spells it in {@code prediction_type}. */
public enum PredictionType {
    EPSILON("epsilon"),
    V_PREDICTION("v_prediction");

    private final String diffusersName;

    PredictionType(String diffusersName) {
        this.diffusersName = diffusersName;
    }

    public String diffusersName() {
        return diffusersName;
    }

    /** Parses the diffusers name; the message lists the accepted names. */
    public static PredictionType parse(String name) {
        for (PredictionType t : values()) {
            if (t.diffusersName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported prediction_type \"" + name
                + "\"; expected \"epsilon\" or \"v_prediction\"");
    }
}
