package dev.snapfusion.studio.models;

import dev.snapfusion.bridge.quant.Scheme;

/** One choice of the override sheet: keep what the recipe gives, or one precision scheme. */
enum Precision {
    AS_RECIPE(null, "as the recipe"),
    FP32(Scheme.FP32, "fp32"),
    FP16(Scheme.FP16, "fp16"),
    INT8_DYNAMIC(Scheme.INT8_DYNAMIC, "int8-dynamic"),
    INT8_WEIGHT(Scheme.INT8_WEIGHT, "int8-weight");

    private final Scheme scheme;
    private final String label;

    Precision(Scheme scheme, String label) {
        this.scheme = scheme;
        this.label = label;
    }

    /** The scheme to override with; null for {@link #AS_RECIPE}. */
    Scheme scheme() {
        return scheme;
    }

    // The property sheet's choice editor shows toString.
    @Override
    public String toString() {
        return label;
    }
}
